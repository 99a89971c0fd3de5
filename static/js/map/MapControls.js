// The controls of a ConflictMap (its options.controls), in step with its state; popups open clear of them.
import {gettext} from '../i18n/i18n.js';
import {DateSlider} from './DateSlider.js';
import {Legend} from './Legend.js';
import {L} from './leaflet.js';

export class MapControls {
  constructor(app) {
    this.app = app;
  }

  addTo(map) {
    const app = this.app;
    const o = app.options;
    const config = app.config;
    const s = app.state.snapshot();
    this._map = map;
    if (o.controls.zoom) {
      L.control
        .zoom({position: 'topleft', zoomInTitle: gettext('Zoom in'), zoomOutTitle: gettext('Zoom out')})
        .addTo(map);
    }
    map.on('popupopen', (e) => this._panClearOfControls(e.popup));
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
      this.slider = new DateSlider({minDay: app.minDay, maxDay: app.maxDay, day: s.day}).addTo(map);
      this.slider.on('daychange', (e) => {
        const origin = e.origin === 'play' ? 'play' : e.commit ? 'user' : 'preview';
        const changed = app.state.set({day: e.day}, origin);
        // A drag's last step was already shown (a preview, which the address does not follow).
        if (!changed.size && e.commit) app.writeUrl('user');
        // Every day played is drawn: the next waits for this one, whose followers load meanwhile.
        if (origin === 'play') this.slider.holdUntil(app.playDay(e.day));
      });
    }
    if (o.controls.legend) {
      this.legend = new Legend({
        parties: config.conflict.parties,
        partyShapes: app.partyShapes,
        statuses: config.controlStatuses,
        eventTypes: config.eventTypes,
        windowDays: s.windowDays,
        open: o.legendOpen,
        territory: Boolean(o.territory && config.api.territory),
      }).addTo(map);
    }
    app.state.on('change', this._onStateChange, this);
    return this;
  }

  // From the app (the address, a timeline item): show the state without setting it again.
  setDay(day) {
    this.slider?.setDay(day);
  }

  setFilters(filters, windowDays) {
    this.filters?.setFilters(filters, windowDays);
  }

  _onStateChange(e) {
    if (e.changed.has('windowDays')) this.legend?.setWindow(e.state.windowDays);
    if ((e.changed.has('day') || e.changed.has('windowDays')) && this.download) {
      this.download.setWindow(e.state.day - e.state.windowDays + 1, e.state.day);
    }
  }

  // A popup is panned clear of the controls really on screen that share its columns: the top
  // corners stack one to three controls depending on page and width (two rows on a phone, where
  // the popup's title would otherwise open under them), the slider spans the bottom. Measured at
  // each opening; a control beside the popup does not push it.
  _panClearOfControls(popup) {
    const container = this._map.getContainer();
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
    const app = this.app;
    this.search = new PlaceSearch({search: (q) => app.api.searchPlaces(q)}).addTo(this._map);
    this.search.on('placeselect', (e) => app.popups.openPlace(e.slug));
  }

  // Top left, under the search: the top right holds the language and the filters, and a third
  // control there leaves a phone's open legend no room above the slider.
  _addDownload(DownloadControl) {
    const {exports} = this.app.config;
    const now = this.app.state.snapshot();
    this.download = new DownloadControl({
      position: 'topleft',
      urls: exports.urls,
      licence: exports.licence,
      startDay: now.day - now.windowDays + 1,
      endDay: now.day,
    }).addTo(this._map);
  }

  _addFilters(FilterControl) {
    const app = this.app;
    const config = app.config;
    const s = app.state.snapshot();
    this.filters = new FilterControl({
      eventTypes: config.eventTypes,
      parties: config.conflict.parties,
      verification: config.verification,
      windowDays: s.windowDays,
      maxWindow: app.options.maxWindow,
      filters: s.filters,
    }).addTo(this._map);
    this.filters.on('filterchange', (e) => app.state.set({filters: e.filters, windowDays: e.windowDays}, 'user'));
  }
}
