// The map app: wires state, data and rendering together. Configurable by an
// options object so other pages (the embed) can reuse it with other controls,
// a locked date, no timeline or another theme:
//   new ConflictMap(element, config, {controls: {slider: false}, lockedDate: '2020-10-03', timeline: null})

import {gettext, interpolate} from '../i18n/i18n.js';
import {ApiClient} from './ApiClient.js';
import {BasemapLayer} from './BasemapLayer.js';
import {DateSlider} from './DateSlider.js';
import {DenseSpotLayer} from './DenseSpotLayer.js';
import {clampDay, formatDay, longDay, parseDay, todayDay} from './dates.js';
import {el} from './dom.js';
import {EventCanvasLayer} from './EventCanvasLayer.js';
import {EventStore} from './EventStore.js';
import {recordsOfChunk} from './eventRecords.js';
import {HistoryStore} from './HistoryStore.js';
import {Legend} from './Legend.js';
import {L, withDefaults} from './leaflet.js';
import {MapState} from './MapState.js';
import {PlaceLayer} from './PlaceLayer.js';
import {eventLoadingPopup, eventPopup} from './popups.js';
import {EVENT_TYPE_SHAPES, NO_PARTY_COLOR, partyShapes} from './symbols.js';
import {TerritoryLayer} from './TerritoryLayer.js';
import {changesInWindow} from './territory.js';
import {DEFAULT_LANGUAGE, NONE, parseQuery, toQuery} from './urlstate.js';

// A popup opens clear of the controls stacked in the top corners (language, filters): more room above.
// Days loaded ahead of the play: half a second at 8 days/s, few enough that the browser's six
// connections to the server still serve the day on screen first.
const PLAY_PREFETCH_DAYS = 4;
const POPUP_OPTIONS = {
  maxWidth: 380,
  className: 'cm-leaflet-popup',
  autoPanPadding: [30, 30],
  autoPanPaddingTopLeft: [30, 100],
};

export class ConflictMap extends L.Evented {
  constructor(element, config, options) {
    super();
    L.setOptions(this, options);
    this.options.controls = {...ConflictMap.prototype.options.controls, ...(options?.controls || {})};
    this.element = element;
    this.config = config;
    const conflict = config.conflict;
    this.minDay = parseDay(conflict.start_date);
    this.maxDay = Math.max(this.minDay, parseDay(conflict.end_date) ?? todayDay());
    this.partyShapes = partyShapes(conflict.parties);
    this.partyColors = Object.fromEntries(conflict.parties.map((p) => [p.slug, p.color]));
    this.api = new ApiClient({
      conflict: conflict.slug,
      urls: config.api,
      lang: this.options.lang || config.lang,
      minDay: this.minDay,
      maxDay: this.maxDay,
    });
    this.store = new EventStore();
    this.histories = new HistoryStore((slug, day) => this.api.placeHistory(slug, day));
    this.places = [];
    this._generation = 0;
    this._defaults = {
      day: this.options.lockedDate
        ? clampDay(parseDay(this.options.lockedDate), this.minDay, this.maxDay)
        : this.maxDay,
      windowDays: this.options.windowDays,
      center: null,
      zoom: null,
      filters: {types: [], parties: [], statuses: []},
      lang: DEFAULT_LANGUAGE,
    };
    // The page is already in its language (the server chose it from ?lang= or Accept-Language):
    // the state says so, and the address keeps it.
    const lang = this.options.lang || DEFAULT_LANGUAGE;
    this.state = new MapState({...(this.options.syncUrl ? this._fromUrl() : this._defaults), lang});
  }

  _fromUrl() {
    const state = parseQuery(window.location.search, this._defaults, {
      minDay: this.minDay,
      maxDay: this.maxDay,
      minZoom: this.config.zoom.min,
      maxZoom: this.config.zoom.max,
      maxWindow: this.options.maxWindow,
      types: [...this.config.eventTypes.map((t) => t.value), NONE],
      parties: [...this.config.conflict.parties.map((p) => p.slug), NONE],
      statuses: [...this.config.verification.map((v) => v.value), NONE],
      languages: this.config.languages ?? [DEFAULT_LANGUAGE], // settings.LANGUAGES (geodata/mapconfig.py)
    });
    if (this.options.lockedDate) state.day = this._defaults.day;
    // The interface language is not part of the view's state (changing it reloads the page), but
    // every address the map writes keeps it, so a shared link opens in the language it was shared in.
    // Only a lang= the address itself gave: parseQuery fills in the default language otherwise.
    const asked = new URLSearchParams(window.location.search).get('lang');
    this._lang = asked && state.lang === asked ? asked : null;
    return state;
  }

  start() {
    const o = this.options;
    const config = this.config;
    this.element.classList.add('cm-map', `cm-theme-${o.theme}`);
    const map = L.map(this.element, {
      zoomControl: false,
      minZoom: config.zoom.min,
      maxZoom: config.zoom.max,
      worldCopyJump: true,
    });
    this.map = map;
    map.createPane('cm-events').style.zIndex = '410';
    map.createPane('cm-places').style.zIndex = '420';
    map.createPane('cm-spots').style.zIndex = '430'; // counts of stacked events and their fan, over the places
    map.createPane('cm-territory').style.zIndex = '405'; // under events and places, over the basemap
    if (o.controls.zoom) {
      L.control
        .zoom({position: 'topleft', zoomInTitle: gettext('Zoom in'), zoomOutTitle: gettext('Zoom out')})
        .addTo(map);
    }
    // Leaflet names a popup's close button in English: renamed each time a popup opens.
    map.on('popupopen', (e) => {
      const close = e.popup.getElement()?.querySelector('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', gettext('Close popup'));
      this._panClearOfControls(e.popup);
    });
    this._status = el('p', {class: 'cm-map-status', role: 'alert', hidden: true});
    this.element.append(this._status);

    const {center, zoom} = this.state.snapshot();
    if (center && zoom !== null) map.setView(center, zoom);
    else if (config.conflict.extent) {
      const [w, s, e, n] = config.conflict.extent;
      const bounds = L.latLngBounds([s, w], [n, e]);
      // A zoom without a centre (an embed's zoom=) is honoured around the extent's centre.
      if (zoom !== null) map.setView(bounds.getCenter(), zoom);
      else map.fitBounds(bounds);
    } else map.setView([20, 0], zoom ?? 2);

    if (config.tiles?.url) {
      L.tileLayer(config.tiles.url, {attribution: config.tiles.attribution, maxZoom: 19}).addTo(map);
    }
    this.api
      .basemap(config.basemapUrl)
      .then((countries) => new BasemapLayer(countries, BasemapLayer.themed(o.theme)).addTo(map))
      .catch((error) =>
        this._showError(
          interpolate(gettext('The offline basemap could not be loaded: %(error)s'), {error: error.message}),
        ),
      );

    if (o.territory && config.api.territory) {
      this.territory = new TerritoryLayer({pane: 'cm-territory', dayLabel: () => longDay(this.state.get('day'))});
      this.territory.addTo(map);
    }
    this.events = new EventCanvasLayer({pane: 'cm-events'}).addTo(map);
    this.spots = new DenseSpotLayer({pane: 'cm-spots', radius: this.events.options.radius}).addTo(map);
    this.placeLayer = new PlaceLayer({
      pane: 'cm-places',
      renderer: L.svg({pane: 'cm-places'}),
      partyShapes: this.partyShapes,
      dayLabel: () => longDay(this.state.get('day')),
      correctionsUrl: config.correctionsUrl,
      history: (slug) => ({history: this.histories.get(slug, this.state.get('day')), day: this.state.get('day')}),
    }).addTo(map);
    this._addControls();
    // The timeline is loaded only where it is shown (an embed without it saves its weight); the
    // first redraw waits for it (refresh), so a rendered map always has its timeline.
    this._timelineReady = o.timeline
      ? import('./TimelinePanel.js').then(({TimelinePanel}) => {
          this.timeline = new TimelinePanel({
            title: o.timelineTitle,
            correctionsUrl: config.correctionsUrl,
            eventTypeLabels: Object.fromEntries(config.eventTypes.map((t) => [t.value, t.label])),
            subTypeLabels: config.subTypeLabels || {},
          }).addTo(o.timeline);
          this.timeline.on('itemselect', (e) => this.openTimelineItem(e.kind, e.id));
        })
      : null;

    this.events.on('eventclick', (e) => this.openEvent(e.item.id, {pan: false, others: e.items.slice(1)}));
    this.spots.on('eventclick', (e) => this.openEvent(e.item.id, {pan: false}));
    // A place's popup: its marker fires popupopen, which the place layer propagates (Leaflet's public events).
    this.placeLayer.on('popupopen', this._onPlacePopupOpen, this);
    this.placeLayer.on('popupclose', () => (this._openPlace = null));
    map.on('popupclose', () => this.timeline?.highlight(null));
    map.on('zoomend', this._sharpenTerritory, this);
    map.on('zoomend', this._refreshPlaces, this);
    map.on('moveend', () => {
      const c = map.getCenter();
      this.state.set({center: [Number(c.lat.toFixed(4)), Number(c.lng.toFixed(4))], zoom: map.getZoom()}, 'map');
    });
    this.state.on('change', this._onStateChange, this);
    if (o.syncUrl) {
      this._onPopState = () => this._restoreFromUrl();
      window.addEventListener('popstate', this._onPopState);
    }
    const c = map.getCenter();
    this.state.set({center: [Number(c.lat.toFixed(4)), Number(c.lng.toFixed(4))], zoom: map.getZoom()}, 'init');
    this._writeUrl('init');
    this.refresh();
    return this;
  }

  _addControls() {
    const o = this.options;
    const config = this.config;
    const s = this.state.snapshot();
    // The search, the filters and the Download control are loaded only by pages that show them (the
    // embed has none: its JS+CSS budget, docs/embedding.md). They are added in one fixed order once
    // all have arrived, so a corner's stack is the same on every load (the phone's legend is sized
    // for it, docs/map.md#on-a-phone).
    const wanted = {
      search: o.controls.search && import('./PlaceSearch.js'),
      filters: o.controls.filters && import('./FilterControl.js'),
      download: o.controls.download && config.exports && import('./DownloadControl.js'),
    };
    Promise.all(Object.values(wanted)).then(([search, filters, download]) => {
      if (search) this._addSearch(search.PlaceSearch);
      if (filters) this._addFilters(filters.FilterControl);
      if (download) this._addDownload(download.DownloadControl);
    });
    if (o.controls.slider && !o.lockedDate) {
      this.slider = new DateSlider({minDay: this.minDay, maxDay: this.maxDay, day: s.day}).addTo(this.map);
      this.slider.on('daychange', (e) => {
        const origin = e.origin === 'play' ? 'play' : e.commit ? 'user' : 'preview';
        const changed = this.state.set({day: e.day}, origin);
        if (!changed.size && e.commit) this._writeUrl('user');
        if (origin === 'play') {
          // Every day played is drawn: the next waits for this one, whose followers load meanwhile.
          this.slider.holdUntil(this._loading);
          this._prefetch(e.day + 1, Math.min(this.maxDay, e.day + PLAY_PREFETCH_DAYS));
        }
      });
    }
    if (o.controls.legend) {
      this.legend = new Legend({
        parties: config.conflict.parties,
        partyShapes: this.partyShapes,
        statuses: config.controlStatuses,
        eventTypes: config.eventTypes,
        windowDays: s.windowDays,
        open: o.legendOpen,
        territory: Boolean(o.territory && config.api.territory),
      }).addTo(this.map);
    }
  }

  // A popup is panned clear of the controls really on screen that share its columns: the top
  // corners stack one to three controls depending on page and width (two rows on a phone, where
  // the popup's title would otherwise open under them), the slider spans the bottom. Measured at
  // each opening; a control beside the popup does not push it.
  _panClearOfControls(popup) {
    const container = this.map.getContainer();
    const box = container.getBoundingClientRect();
    const own = popup.getElement().getBoundingClientRect();
    const above = (r) => r.height && r.left < own.right && r.right > own.left;
    let top = 0;
    for (const control of container.querySelectorAll('.leaflet-top .leaflet-control')) {
      const r = control.getBoundingClientRect();
      if (above(r)) top = Math.max(top, r.bottom - box.top);
    }
    const slider = this.slider?.getContainer().getBoundingClientRect();
    const bottom = slider && above(slider) ? box.bottom - slider.top : 0;
    Object.assign(popup.options, {
      autoPanPaddingTopLeft: [30, Math.max(top + 10, 30)],
      autoPanPaddingBottomRight: [30, Math.max(bottom + 10, 30)],
    });
    popup.update();
  }

  _addSearch(PlaceSearch) {
    this.search = new PlaceSearch({search: (q) => this.api.searchPlaces(q)}).addTo(this.map);
    this.search.on('placeselect', (e) => this.openPlace(e.slug));
  }

  // Top left, under the search: the top right holds the language and the filters, and a third
  // control there leaves a phone's open legend no room above the slider.
  _addDownload(DownloadControl) {
    const now = this.state.snapshot();
    this.download = new DownloadControl({
      position: 'topleft',
      urls: this.config.exports.urls,
      licence: this.config.exports.licence,
      startDay: now.day - now.windowDays + 1,
      endDay: now.day,
    }).addTo(this.map);
  }

  _addFilters(FilterControl) {
    const config = this.config;
    const s = this.state.snapshot();
    this.filters = new FilterControl({
      eventTypes: config.eventTypes,
      parties: config.conflict.parties,
      verification: config.verification,
      windowDays: s.windowDays,
      maxWindow: this.options.maxWindow,
      filters: s.filters,
    }).addTo(this.map);
    this.filters.on('filterchange', (e) => this.state.set({filters: e.filters, windowDays: e.windowDays}, 'user'));
  }

  _onStateChange(e) {
    if (e.changed.has('day') || e.changed.has('windowDays') || e.changed.has('filters')) this._loading = this.refresh();
    if (e.changed.has('windowDays') && this.legend) this.legend.setWindow(e.state.windowDays);
    if ((e.changed.has('day') || e.changed.has('windowDays')) && this.download) {
      this.download.setWindow(e.state.day - e.state.windowDays + 1, e.state.day);
    }
    if (e.origin !== 'history' && e.origin !== 'preview') this._writeUrl(e.origin);
  }

  _writeUrl(origin) {
    if (!this.options.syncUrl) return;
    // The address's own lang=, else the page's language unless it is the default (English).
    const pageLang = this.state.get('lang');
    const lang = this._lang ?? (pageLang !== DEFAULT_LANGUAGE ? pageLang : null);
    const query = toQuery({...this.state.snapshot(), lang}, this._defaults);
    if (query === window.location.search) return;
    const url = window.location.pathname + query + window.location.hash;
    if (origin === 'user') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  _restoreFromUrl() {
    const next = this._fromUrl();
    // Back to an address in another language: the page itself must be served in it.
    if ((next.lang || DEFAULT_LANGUAGE) !== this.state.get('lang')) {
      window.location.reload();
      return;
    }
    this.state.set(next, 'history');
    if (next.center && next.zoom !== null) this.map.setView(next.center, next.zoom, {animate: false});
    if (this.slider) this.slider.setDay(next.day);
    if (this.filters) this.filters.setFilters(next.filters, next.windowDays);
  }

  _showError(message) {
    this._status.textContent = message || '';
    this._status.hidden = !message;
    if (this.timeline) this.timeline.showError(message);
  }

  // record: the map's record of an event (eventRecords.js).
  _describeEvent(record) {
    return {
      latlng: L.latLng(record.lat, record.lon),
      shape: EVENT_TYPE_SHAPES[record.type] || 'circle',
      color: (record.perpetrator && this.partyColors[record.perpetrator]) || NO_PARTY_COLOR,
    };
  }

  // Load what the day needs (cached), then redraw. Results of an older call are dropped.
  async refresh() {
    const generation = ++this._generation;
    const {day} = this.state.snapshot();
    this.element.setAttribute('aria-busy', 'true');
    try {
      const placeLevel = this._placeLevel();
      const [places, changes, chunks, territory] = await Promise.all([...this._dayData(day), this._timelineReady]);
      if (generation !== this._generation) return;
      for (const chunk of chunks)
        this.store.addChunk(chunk.index, recordsOfChunk(chunk), (e) => this._describeEvent(e));
      this.places = places;
      this._placesLevel = placeLevel;
      this._changes = changes;
      this._territory = territory;
      this._territoryZoom = Math.round(this.map.getZoom());
      this.redraw();
      this._showError('');
    } catch (error) {
      if (generation !== this._generation) return;
      this._showError(
        interpolate(gettext('Could not load the map data for %(date)s. %(error)s'), {
          date: longDay(day),
          error: error.message,
        }),
      );
    } finally {
      if (generation === this._generation) this.element.removeAttribute('aria-busy');
    }
  }

  // The answers a day is drawn from (the ApiClient caches them, so asking twice loads once):
  // [places, control changes, event chunks, territory].
  _dayData(day) {
    const {windowDays} = this.state.snapshot();
    return [
      this.api.places(day, this._placeLevel()),
      this.options.timeline ? this.api.controlChanges(day) : null,
      this.api.events(day - windowDays + 1, day),
      // Simplified for the zoom of the moment; zooming in fetches the territory alone again (_sharpenTerritory).
      this.territory ? this.api.territory(day, Math.round(this.map.getZoom())) : null,
    ];
  }

  // Days about to be played, loaded ahead; a failure shows when (and if) the day itself is drawn.
  _prefetch(first, last) {
    for (let day = first; day <= last; day += 1) {
      for (const answer of this._dayData(day)) answer?.catch(() => {});
    }
  }

  // The zoom the places are asked for: the map's, below the server's thinning threshold (fewer,
  // the most important, so the events stay visible), else null (every place).
  _placeLevel() {
    const below = this.config.placesThinBelow;
    if (!Number.isInteger(below)) return null;
    const zoom = Math.round(this.map.getZoom());
    return zoom < below ? zoom : null;
  }

  // After a zoom into another thinning level: the places alone again, for that level (the rest of
  // the map does not depend on the zoom).
  async _refreshPlaces() {
    const level = this._placeLevel();
    if (this._placesLevel === undefined || level === this._placesLevel) return;
    const day = this.state.get('day');
    const generation = this._generation;
    try {
      const places = await this.api.places(day, level);
      if (generation !== this._generation || day !== this.state.get('day') || level !== this._placeLevel()) return;
      this.places = places;
      this._placesLevel = level;
      this.placeLayer.setPlaces(places);
    } catch (error) {
      this._showError(error.message);
    }
  }

  // Zooming in past the detail the territory was simplified for fetches it again, alone, at the new zoom:
  // a full refresh() here closed a place popup opened from the search box (its pan zooms in). Zooming
  // out keeps the finer drawing.
  async _sharpenTerritory() {
    if (!this.territory || !this._territory) return;
    const zoom = Math.round(this.map.getZoom());
    if (zoom <= this._territoryZoom) return;
    const {day} = this.state.snapshot();
    const generation = this._generation;
    try {
      const territory = await this.api.territory(day, zoom);
      if (generation !== this._generation || day !== this.state.get('day')) return;
      this._territory = territory;
      this._territoryZoom = zoom;
      this.territory.setTerritory(territory);
    } catch (error) {
      this._showError(error.message);
    }
  }

  // Synchronous redraw from loaded data: this is what one slider step costs (bench/bench_redraw.py).
  redraw() {
    const {day, windowDays, filters} = this.state.snapshot();
    const items = this.store.window(day - windowDays + 1, day, filters);
    this.placeLayer.setPlaces(this.places);
    this._loadHistory();
    this.events.setEvents(items, day, windowDays);
    this.spots.setEvents(items);
    if (this.territory && this._territory) this.territory.setTerritory(this._territory);
    if (this.timeline && this._changes) {
      const parties = filters.parties.length ? new Set(filters.parties) : null;
      const changes = this._changes.results.filter((c) => !parties || parties.has(c.party.slug));
      this.timeline.render({
        day,
        windowDays,
        events: items.slice().reverse(),
        changes,
        changesTotal: parties ? changes.length : this._changes.count,
        territory: this._territory ? changesInWindow(this._territory.features || [], day - windowDays + 1, day) : [],
        placeNames: new Map(this.places.map((f) => [f.properties.slug, f.properties.label])),
      });
    }
    this.element.dataset.renderedDate = formatDay(day);
    this.fire('redraw', {day, events: items.length});
  }

  _focus(latlng) {
    const zoom = Math.max(this.map.getZoom(), this.options.focusZoom);
    this.map.setView(latlng, zoom, {animate: false});
  }

  // The popup opens at once with what the map has (a loading state), then is filled with the
  // event's full record (claims, sources, figures) from /api/events/<id>/ (cached once loaded).
  // Resolves when the popup is filled, or left (closed, or another popup opened meanwhile).
  async openEvent(id, {pan = true, others = []} = {}) {
    const item = this.store.get(id);
    if (!item) return;
    if (pan) this._focus(item.latlng);
    const popup = L.popup(POPUP_OPTIONS).setLatLng(item.latlng).setContent(eventLoadingPopup(item.event));
    popup.openOn(this.map);
    this._eventPopup = popup;
    this.timeline?.highlight('event', id);
    let content;
    try {
      const feature = await this.api.event(id);
      content = eventPopup(feature, {others, correctionsUrl: this.config.correctionsUrl});
    } catch (error) {
      content = eventLoadingPopup(item.event, {error});
    }
    if (this._eventPopup === popup && popup.isOpen()) popup.setContent(content);
  }

  openPlace(slug) {
    const marker = this.placeLayer.getMarker(slug);
    if (!marker) return;
    this._focus(marker.getLatLng());
    marker.openPopup();
  }

  // A timeline item dated before the day shown opens the map as it was on the item's date.
  async openTimelineItem(kind, id) {
    // A territory item is a version in force in the window: its area is on the map at the day shown.
    if (kind === 'territory') return this.openTerritory(id);
    const date = kind === 'event' ? this.store.get(id)?.event.date : this._change(id)?.date;
    const day = parseDay(date);
    if (day !== null && day < this.state.get('day') && !this.options.lockedDate) {
      if (this.slider) this.slider.setDay(day);
      this.state.set({day}, 'user');
      await this._loading;
    }
    if (kind === 'event') await this.openEvent(id);
    else this.openControlChange(id);
  }

  _change(id) {
    return this._changes?.results.find((c) => c.id === id);
  }

  // The open place popup's control history at the day shown: loaded once, then the popup redrawn.
  _loadHistory() {
    const slug = this._openPlace;
    const day = this.state.get('day');
    if (!slug || this.histories.has(slug, day)) return;
    this.histories.load(slug, day).then(() => {
      const marker = this.placeLayer.getMarker(slug);
      if (this._openPlace === slug && this.state.get('day') === day && marker?.isPopupOpen())
        marker.getPopup().update();
    });
  }

  openControlChange(id) {
    const change = this._changes?.results.find((c) => c.id === id);
    if (change) this.openPlace(change.place.slug);
  }

  openTerritory(id) {
    const area = this.territory?.openArea(id);
    if (area) this.timeline?.highlight('territory', id);
  }

  _onPlacePopupOpen(e) {
    this._openPlace = e.sourceTarget.feature?.properties.slug || null;
    this._loadHistory();
    if (!this.timeline) return;
    const control = e.sourceTarget.feature?.properties.control;
    this.timeline.highlight(control ? 'change' : null, control ? control.change_id : null);
  }
}

withDefaults(ConflictMap, {
  controls: {zoom: true, slider: true, filters: true, search: true, legend: true, download: true},
  territory: true,
  timeline: null,
  timelineTitle: null, // "Timeline" in the reader's language
  lockedDate: null,
  syncUrl: true,
  theme: 'light',
  windowDays: 7,
  maxWindow: 90,
  focusZoom: 10,
  legendOpen: false,
  lang: null, // the page's language (i18n.js language()); null: English
});
