// Places, each in its controller's colour and shape, outlined by control
// status (solid confirmed, dashed claimed, dotted disputed). Updated in place
// when the date changes: only markers whose controller changed are restyled.
// A rendering module: the app hands it the API's features.

import {el} from './dom.js';
import {visibleLabels} from './labels.js';
import {L, withDefaults} from './leaflet.js';
import {placePopup} from './popups.js';
import {ShapeMarker} from './ShapeMarker.js';
import {NO_PARTY_COLOR, STATUS_DASH} from './symbols.js';

export class PlaceLayer extends L.FeatureGroup {
  constructor(options) {
    super([], options);
    L.setOptions(this, options);
    // slug -> {marker, pass, change, status, color}: the layer's own bookkeeping
    // (what each marker's style was made from), kept off the Leaflet markers.
    this._entries = new Map();
  }

  onAdd(map) {
    super.onAdd(map);
    // Names are placed after Leaflet has moved the tooltips to the new zoom.
    map.on('zoomend', this._scheduleDeclutter, this);
    this._scheduleDeclutter();
  }

  onRemove(map) {
    map.off('zoomend', this._scheduleDeclutter, this);
    if (this._declutterFrame) cancelAnimationFrame(this._declutterFrame);
    this._declutterFrame = null;
    super.onRemove(map);
  }

  _scheduleDeclutter() {
    if (this._declutterFrame || !this._map) return;
    this._declutterFrame = requestAnimationFrame(() => {
      this._declutterFrame = null;
      this._declutter();
    });
  }

  // Permanent names that would overlap are hidden (visibility, so their boxes
  // keep being measurable); labels.js decides which, most important first.
  _declutter() {
    const items = [];
    for (const [slug, entry] of this._entries) {
      const tooltip = entry.marker.getTooltip();
      const element = tooltip?.options.permanent ? tooltip.getElement() : null;
      if (!element) continue;
      const properties = entry.marker.feature.properties;
      items.push({
        id: slug,
        kind: properties.kind,
        name: properties.label,
        element,
        box: element.getBoundingClientRect(),
      });
    }
    const shown = visibleLabels(items);
    for (const item of items) item.element.classList.toggle('cm-place-label--hidden', !shown.has(item.id));
  }

  getMarker(slug) {
    const entry = this._entries.get(slug);
    return entry ? entry.marker : null;
  }

  _style(control) {
    const shapes = this.options.partyShapes;
    if (!control) {
      return {
        shape: 'circle',
        fillColor: '#ffffff',
        fillOpacity: 0.9,
        color: NO_PARTY_COLOR,
        dashArray: '2 2',
        weight: 2,
      };
    }
    return {
      shape: shapes[control.party.slug] || 'circle',
      fillColor: control.party.color || NO_PARTY_COLOR,
      fillOpacity: control.status === 'confirmed' ? 0.95 : 0.7,
      color: '#1b1b1b',
      dashArray: STATUS_DASH[control.status] || null,
      weight: control.status === 'confirmed' ? 2 : 2.5,
    };
  }

  _tag(marker, feature) {
    // data-* on the SVG path: lets tests and assistive tooling see what is drawn.
    const path = marker.getElement?.();
    if (!path) return;
    const control = feature.properties.control;
    path.dataset.place = feature.properties.slug;
    path.dataset.controller = control ? control.party.slug : '';
    path.dataset.status = control ? control.status : '';
  }

  // Called on every slider step with every place (5,000 in the benchmark): the
  // loop compares a few fields per place and allocates nothing; only markers
  // whose controller changed are restyled.
  setPlaces(features) {
    this._pass = (this._pass || 0) + 1;
    const pass = this._pass;
    let added = false;
    for (const feature of features) {
      if (!feature.geometry) continue;
      const slug = feature.properties.slug;
      const control = feature.properties.control;
      const entry = this._entries.get(slug);
      if (!entry) {
        const [lng, lat] = feature.geometry.coordinates;
        const marker = new ShapeMarker([lat, lng], {
          radius: this.options.radius,
          renderer: this.options.renderer,
          pane: this.options.pane,
          ...this._style(control),
        });
        marker.feature = feature;
        marker.bindPopup(
          () =>
            placePopup(marker.feature, {
              dayLabel: this.options.dayLabel(),
              correctionsUrl: this.options.correctionsUrl,
              ...this.options.history(marker.feature.properties.slug),
            }),
          {maxWidth: 360, className: 'cm-leaflet-popup', autoPanPaddingTopLeft: [30, 100]},
        );
        // Few places: their names stay on the map (journalists read a front by its names);
        // many places: names on hover only, or the map drowns in labels.
        const labelled = features.length <= this.options.labelLimit;
        marker.bindTooltip(
          () => el('span', {text: marker.feature.properties.label}),
          labelled
            ? {permanent: true, direction: 'right', offset: [8, 0], className: 'cm-place-label'}
            : {direction: 'top'},
        );
        this._entries.set(slug, remember({marker, pass, change: null, status: null, color: null}, control));
        this.addLayer(marker);
        this._tag(marker, feature);
        added = true;
        continue;
      }
      const marker = entry.marker;
      entry.pass = pass;
      marker.feature = feature;
      if (!sameControl(entry, control)) {
        remember(entry, control);
        const style = this._style(control);
        marker.setStyle(style);
        marker.setShape(style.shape);
        this._tag(marker, feature);
      }
      if (marker.isPopupOpen()) marker.getPopup().update();
    }
    let removed = false;
    for (const [slug, entry] of this._entries) {
      if (entry.pass !== pass) {
        this.removeLayer(entry.marker);
        this._entries.delete(slug);
        removed = true;
      }
    }
    if (added || removed) this._scheduleDeclutter();
    return this;
  }
}

// What a marker's style depends on: the control change, its status and the party's colour.
function remember(entry, control) {
  entry.change = control ? control.change_id : null;
  entry.status = control ? control.status : null;
  entry.color = control ? control.party.color : null;
  return entry;
}

function sameControl(entry, control) {
  if (!control) return entry.change === null;
  return entry.change === control.change_id && entry.status === control.status && entry.color === control.party.color;
}

withDefaults(PlaceLayer, {
  radius: 9,
  partyShapes: {},
  renderer: null,
  pane: 'overlayPane',
  dayLabel: () => '',
  correctionsUrl: null,
  // slug -> {history, day} for the popup's control history ({} for none: the embed without it).
  history: () => ({}),
  labelLimit: 60,
});
