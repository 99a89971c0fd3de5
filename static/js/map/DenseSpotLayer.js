// Events drawn on top of one another get a count beside them; tapping the count fans
// the events out around the spot (leader lines back to it), each symbol opening its
// event's popup. Recomputed after each zoom, since what overlaps depends on it. Badges go to the
// largest spots where they do not cover one another (badgedSpots), and a badge whose spot keeps its
// place and count from one step to the next is kept, not rebuilt: a slider step touches few.
// A rendering module: the app hands it the same items as the event layer.
import {formatNumber, interpolate, ngettext} from '../i18n/i18n.js';
import {el} from './dom.js';
import {L, withDefaults} from './leaflet.js';
import {ProjectedPoints} from './ProjectedPoints.js';
import {ShapeMarker} from './ShapeMarker.js';
import {badgedSpots, fanOffsets, groupSpots} from './spots.js';

function sameIds(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i].id !== b[i].id) return false;
  return true;
}

export class DenseSpotLayer extends L.Layer {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
    this._items = [];
    this._badges = L.layerGroup();
    this._byKey = new Map(); // `x,y,count` at the current zoom -> {marker, spot}
    this._fan = null;
  }

  onAdd(map) {
    this._renderer = this.options.renderer || L.svg({pane: this.options.pane});
    this._points = ProjectedPoints.of(map);
    this._badges.addTo(map);
    map.on('zoomend', this._onZoom, this);
    map.on('click', this.collapse, this);
    this._update();
  }

  onRemove(map) {
    map.off('zoomend', this._onZoom, this);
    map.off('click', this.collapse, this);
    this.collapse();
    this._badges.clearLayers();
    this._byKey.clear();
    this._badges.remove();
  }

  setEvents(items) {
    if (sameIds(items, this._items)) return this;
    this._items = items;
    this.collapse();
    this._update();
    return this;
  }

  // The spots drawn now: [{latlng, items}], for the app and its tests.
  spots() {
    return this._spots || [];
  }

  _onZoom() {
    // Pixel positions belong to a zoom: no badge of the old one is kept for its spot.
    this._update(true);
  }

  _update(zoomed = false) {
    if (!this._map) return;
    const map = this._map;
    const items = this._items;
    // Layer points as map.latLngToLayerPoint gives them (rounded, from the pixel origin), from the
    // projection the events canvas made for the same items.
    const projected = this._points.xy(items, map.getZoom());
    const origin = map.getPixelOrigin();
    if (!this._layerXY || this._layerXY.length < items.length * 2) this._layerXY = new Float64Array(items.length * 2);
    const xy = this._layerXY;
    for (let i = 0; i < items.length * 2; i += 2) {
      xy[i] = Math.round(projected[i]) - origin.x;
      xy[i + 1] = Math.round(projected[i + 1]) - origin.y;
    }
    const groups = groupSpots(items, xy, {radius: this.options.radius});
    const spotOf = new Map(groups.map((group) => [group, {latlng: group.items[0].latlng, items: group.items}]));
    this._spots = [...spotOf.values()];
    const wanted = new Map();
    for (const group of badgedSpots(groups, {max: this.options.maxBadges})) {
      const spot = spotOf.get(group);
      wanted.set(`${Math.round(group.x)},${Math.round(group.y)},${group.items.length}`, spot);
    }
    // Badges no longer wanted where they are become spares: moved to a new spot and relabelled, which
    // costs a step far less than removing one marker and building another (a 30-day window changes
    // most spots' counts every day). Not the focused one: the badge a reader is on never turns into another spot's.
    const spares = [];
    for (const [key, kept] of this._byKey) {
      if (zoomed || !wanted.has(key)) {
        this._byKey.delete(key);
        if (kept.marker.getElement() === document.activeElement) this._badges.removeLayer(kept.marker);
        else spares.push(kept);
      }
    }
    for (const [key, spot] of wanted) {
      const kept = this._byKey.get(key);
      if (kept) {
        kept.spot = spot; // same place and count, maybe other events: the fan shows these
        continue;
      }
      let entry = spares.pop();
      if (entry) {
        entry.spot = spot;
        entry.marker.setLatLng(spot.latlng);
        this._label(entry);
      } else {
        entry = {spot, marker: null, text: null};
        entry.marker = this._badge(entry);
        this._badges.addLayer(entry.marker);
      }
      this._byKey.set(key, entry);
    }
    for (const entry of spares) this._badges.removeLayer(entry.marker);
  }

  // The badge's count, written out and for screen readers, from the entry's spot.
  _label(entry) {
    const count = entry.spot.items.length;
    entry.text.textContent = formatNumber(count);
    const element = entry.marker.getElement();
    if (!element) return;
    element.setAttribute('aria-label', this.options.countLabel(count));
    element.dataset.spotCount = String(count);
  }

  // entry: {spot, text}, whose spot a later step may replace (same place and count, or another spot
  // when the badge is reused); text: the count's element, made here.
  _badge(entry) {
    entry.text = el('span', {class: 'cm-spot-count'});
    const icon = L.divIcon({
      className: 'cm-spot',
      html: entry.text,
      iconSize: [44, 44],
      // Up and to the right of the spot: the symbols under it stay visible.
      iconAnchor: [10, 34],
    });
    const marker = L.marker(entry.spot.latlng, {icon, pane: this.options.pane, keyboard: true, riseOnHover: true});
    marker.on('add', () => this._label(entry));
    marker.on('click', (e) => {
      L.DomEvent.stop(e);
      this.expand(entry.spot);
    });
    // Leaflet turns Enter on a marker into a click only for markers with a popup.
    marker.on('keypress', (e) => {
      if (e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ') this.expand(entry.spot);
    });
    return marker;
  }

  // Fan the spot's events out around it.
  expand(spot) {
    this.collapse();
    const map = this._map;
    const centre = map.latLngToLayerPoint(spot.latlng);
    const offsets = fanOffsets(spot.items.length, {spacing: this.options.spacing});
    const fan = L.layerGroup();
    spot.items.forEach((item, i) => {
      const latlng = map.layerPointToLatLng(centre.add(L.point(offsets[i].x, offsets[i].y)));
      fan.addLayer(
        L.polyline([spot.latlng, latlng], {
          pane: this.options.pane,
          renderer: this._renderer,
          color: '#1b1b1b',
          weight: 1,
          opacity: 0.7,
          interactive: false,
        }),
      );
      const symbol = new ShapeMarker(latlng, {
        pane: this.options.pane,
        renderer: this._renderer,
        shape: item.shape,
        radius: this.options.symbolRadius,
        fillColor: item.color,
        fillOpacity: 1,
        color: '#ffffff',
        weight: 2,
      });
      symbol.on('click', (e) => {
        L.DomEvent.stop(e);
        this.fire('eventclick', {item, items: [item], latlng});
      });
      symbol.on('add', () => {
        const path = symbol.getElement?.();
        if (path) path.dataset.spotEvent = String(item.id);
      });
      fan.addLayer(symbol);
    });
    this._fan = fan.addTo(map);
    this._fanned = spot;
    this.fire('expand', {spot});
  }

  collapse() {
    if (!this._fan) return;
    this._fan.remove();
    this._fan = null;
    this._fanned = null;
  }
}

withDefaults(DenseSpotLayer, {
  pane: 'overlayPane',
  renderer: null,
  // Pixels between two event points that the map draws as one spot (the event symbols' radius).
  radius: 4,
  spacing: 24,
  symbolRadius: 8,
  maxBadges: 200, // the largest spots' counts; more would bury the map (and slow every step)
  countLabel: (count) =>
    interpolate(
      ngettext(
        '%(n)s event at this spot: show them side by side',
        '%(n)s events at this spot: show them side by side',
        count,
      ),
      {n: formatNumber(count)},
    ),
});
