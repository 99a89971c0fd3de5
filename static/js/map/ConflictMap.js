// The map app: wires state, data and rendering together. Configurable by an
// options object so other pages (the embed) can reuse it with other controls,
// a locked date, no timeline or another theme:
//   new ConflictMap(element, config, {controls: {slider: false}, lockedDate: '2020-10-03', timeline: null})

import {gettext, interpolate} from '../i18n/i18n.js';
import {ApiClient} from './ApiClient.js';
import {BasemapLayer} from './BasemapLayer.js';
import {DenseSpotLayer} from './DenseSpotLayer.js';
import {clampDay, formatDay, longDay, parseDay, todayDay} from './dates.js';
import {el} from './dom.js';
import {EventCanvasLayer} from './EventCanvasLayer.js';
import {EventStore} from './EventStore.js';
import {recordsOfChunk} from './eventRecords.js';
import {HistoryStore} from './HistoryStore.js';
import {L, withDefaults} from './leaflet.js';
import {MapControls} from './MapControls.js';
import {MapPopups} from './MapPopups.js';
import {MapState} from './MapState.js';
import {PlaceLayer} from './PlaceLayer.js';
import {EVENT_TYPE_SHAPES, NO_PARTY_COLOR, partyShapes} from './symbols.js';
import {TerritoryLayer} from './TerritoryLayer.js';
import {changesInWindow} from './territory.js';
import {DEFAULT_LANGUAGE, NONE, UrlSync} from './urlstate.js';

// Days loaded ahead of the play: half a second at 8 days/s, few enough that the browser's six
// connections to the server still serve the day on screen first.
const PLAY_PREFETCH_DAYS = 4;

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
    if (this.options.syncUrl) {
      this.url = new UrlSync({
        defaults: this._defaults,
        limits: {
          minDay: this.minDay,
          maxDay: this.maxDay,
          minZoom: config.zoom.min,
          maxZoom: config.zoom.max,
          maxWindow: this.options.maxWindow,
          types: [...config.eventTypes.map((t) => t.value), NONE],
          parties: [...conflict.parties.map((p) => p.slug), NONE],
          statuses: [...config.verification.map((v) => v.value), NONE],
          languages: config.languages ?? [DEFAULT_LANGUAGE], // settings.LANGUAGES (geodata/mapconfig.py)
        },
        locked: Boolean(this.options.lockedDate),
      });
    }
    // The page is already in its language (the server chose it from ?lang= or Accept-Language):
    // the state says so, and the address keeps it.
    const lang = this.options.lang || DEFAULT_LANGUAGE;
    this.state = new MapState({...(this.url ? this.url.read() : this._defaults), lang});
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
    this.popups = new MapPopups(this).addTo(map);
    this.controls = new MapControls(this).addTo(map);
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
          this.timeline.on('itemselect', (e) => this.popups.openTimelineItem(e.kind, e.id));
        })
      : null;

    map.on('zoomend', this._sharpenTerritory, this);
    map.on('zoomend', this._refreshPlaces, this);
    map.on('moveend', () => {
      const c = map.getCenter();
      this.state.set({center: [Number(c.lat.toFixed(4)), Number(c.lng.toFixed(4))], zoom: map.getZoom()}, 'map');
    });
    this.state.on('change', this._onStateChange, this);
    if (this.url) window.addEventListener('popstate', () => this._restoreFromUrl());
    const c = map.getCenter();
    this.state.set({center: [Number(c.lat.toFixed(4)), Number(c.lng.toFixed(4))], zoom: map.getZoom()}, 'init');
    this.writeUrl('init');
    this.refresh();
    return this;
  }

  _onStateChange(e) {
    if (e.changed.has('day') || e.changed.has('windowDays') || e.changed.has('filters')) this._loading = this.refresh();
    if (e.origin !== 'history' && e.origin !== 'preview') this.writeUrl(e.origin);
  }

  // The address follows the state (map pages only: syncUrl).
  writeUrl(origin) {
    this.url?.write(this.state.snapshot(), origin);
  }

  _restoreFromUrl() {
    const next = this.url.read();
    // Back to an address in another language: the page itself must be served in it.
    if ((next.lang || DEFAULT_LANGUAGE) !== this.state.get('lang')) {
      window.location.reload();
      return;
    }
    this.state.set(next, 'history');
    if (next.center && next.zoom !== null) this.map.setView(next.center, next.zoom, {animate: false});
    this.controls.setDay(next.day);
    this.controls.setFilters(next.filters, next.windowDays);
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

  // A day of the play, just set (MapControls): the days after it load ahead; resolves once it is drawn.
  playDay(day) {
    this._prefetch(day + 1, Math.min(this.maxDay, day + PLAY_PREFETCH_DAYS));
    return this._loading;
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
    this.popups.loadHistory();
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

  // The map at `day`, as a reader's step (the slider follows): resolves once it is drawn.
  showDay(day) {
    this.controls.setDay(day);
    this.state.set({day}, 'user');
    return this._loading;
  }

  // A control change of the day shown (the timeline's), by its id.
  change(id) {
    return this._changes?.results.find((c) => c.id === id);
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
