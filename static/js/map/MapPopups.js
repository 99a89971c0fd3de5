// A ConflictMap's popups of events, places and areas, opened from the map or the timeline (whose item is
// highlighted). The records come from the app's ApiClient and stores, the content from popups.js.
import {gettext} from '../i18n/i18n.js';
import {parseDay} from './dates.js';
import {L} from './leaflet.js';
import {eventLoadingPopup, eventPopup} from './popups.js';

// A popup opens clear of the controls stacked in the top corners (language, filters): more room above.
const POPUP_OPTIONS = {
  maxWidth: 380,
  className: 'cm-leaflet-popup',
  autoPanPadding: [30, 30],
  autoPanPaddingTopLeft: [30, 100],
};

export class MapPopups {
  constructor(app) {
    this.app = app;
    this._openPlace = null;
  }

  addTo(map) {
    const app = this.app;
    this._map = map;
    // Leaflet names a popup's close button in English: renamed each time a popup opens.
    map.on('popupopen', (e) => {
      const close = e.popup.getElement()?.querySelector('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', gettext('Close popup'));
    });
    app.events.on('eventclick', (e) => this.openEvent(e.item.id, {pan: false, others: e.items.slice(1)}));
    app.spots.on('eventclick', (e) => this.openEvent(e.item.id, {pan: false}));
    // A place's popup: its marker fires popupopen, which the place layer propagates (Leaflet's public events).
    app.placeLayer.on('popupopen', this._onPlacePopupOpen, this);
    app.placeLayer.on('popupclose', () => (this._openPlace = null));
    map.on('popupclose', () => app.timeline?.highlight(null));
    return this;
  }

  _focus(latlng) {
    const zoom = Math.max(this._map.getZoom(), this.app.options.focusZoom);
    this._map.setView(latlng, zoom, {animate: false});
  }

  // The popup opens at once with what the map has (a loading state), then is filled with the
  // event's full record (claims, sources, figures) from /api/events/<id>/ (cached once loaded).
  // Resolves when the popup is filled, or left (closed, or another popup opened meanwhile).
  async openEvent(id, {pan = true, others = []} = {}) {
    const app = this.app;
    const item = app.store.get(id);
    if (!item) return;
    if (pan) this._focus(item.latlng);
    const popup = L.popup(POPUP_OPTIONS).setLatLng(item.latlng).setContent(eventLoadingPopup(item.event));
    popup.openOn(this._map);
    this._eventPopup = popup;
    app.timeline?.highlight('event', id);
    let content;
    try {
      const feature = await app.api.event(id);
      content = eventPopup(feature, {others, correctionsUrl: app.config.correctionsUrl});
    } catch (error) {
      content = eventLoadingPopup(item.event, {error});
    }
    if (this._eventPopup === popup && popup.isOpen()) popup.setContent(content);
  }

  openPlace(slug) {
    const marker = this.app.placeLayer.getMarker(slug);
    if (!marker) return;
    this._focus(marker.getLatLng());
    marker.openPopup();
  }

  // A timeline item dated before the day shown opens the map as it was on the item's date.
  async openTimelineItem(kind, id) {
    const app = this.app;
    // A territory item is a version in force in the window: its area is on the map at the day shown.
    if (kind === 'territory') return this.openTerritory(id);
    const date = kind === 'event' ? app.store.get(id)?.event.date : app.change(id)?.date;
    const day = parseDay(date);
    if (day !== null && day < app.state.get('day') && !app.options.lockedDate) await app.showDay(day);
    if (kind === 'event') await this.openEvent(id);
    else this.openControlChange(id);
  }

  openControlChange(id) {
    const change = this.app.change(id);
    if (change) this.openPlace(change.place.slug);
  }

  openTerritory(id) {
    const area = this.app.territory?.openArea(id);
    if (area) this.app.timeline?.highlight('territory', id);
  }

  // The open place popup's control history at the day shown: loaded once, then the popup redrawn.
  loadHistory() {
    const {histories, placeLayer, state} = this.app;
    const slug = this._openPlace;
    const day = state.get('day');
    if (!slug || histories.has(slug, day)) return;
    histories.load(slug, day).then(() => {
      const marker = placeLayer.getMarker(slug);
      if (this._openPlace === slug && state.get('day') === day && marker?.isPopupOpen()) marker.getPopup().update();
    });
  }

  _onPlacePopupOpen(e) {
    const timeline = this.app.timeline;
    this._openPlace = e.sourceTarget.feature?.properties.slug || null;
    this.loadHistory();
    if (!timeline) return;
    const control = e.sourceTarget.feature?.properties.control;
    timeline.highlight(control ? 'change' : null, control ? control.change_id : null);
  }
}
