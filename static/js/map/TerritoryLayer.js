// Territory at the date shown: each area filled in its party's colour (light fill, clear edge), claimed
// advances hatched in the party's colour, contested areas and overlaps in a neutral cross-hatch. Drawn in
// its own pane under places and events, with its own SVG renderer. A rendering module: the app hands it
// the API's FeatureCollection (setTerritory); it never fetches.
//
// No flicker: a drawing is keyed by the versions it shows (territory.js, territoryKey). A slider step
// that keeps the same versions in force changes nothing on the map; a step that changes them adds the
// new drawing and only then removes the old one, in the same task, once the data has arrived. Drawings
// are cached per key, so playing back over the same days rebuilds nothing.
//
// The fill patterns are SVG <pattern> elements with presentation attributes (no style attribute: the
// strict CSP forbids inline styles), in a zero-size SVG of the layer's pane; paths refer to them with
// fill="url(#…)", which Leaflet sets as an attribute.

import {gettext, gettext_noop} from '../i18n/i18n.js';
import {svg} from './dom.js';
import {L, withDefaults} from './leaflet.js';
import {
  drawable,
  FILL_OPACITY,
  hatchColors,
  hatchPattern,
  NEUTRAL_COLOR,
  territoryKey,
  territoryStyle,
} from './territory.js';
import {territoryPopup} from './territoryPopup.js';

export class TerritoryLayer extends L.Layer {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
    this._prefix = `cm-territory-${L.Util.stamp(this)}`;
    this._renderer = L.svg({pane: this.options.pane});
    this._cache = new Map(); // key -> L.FeatureGroup, oldest first (a small LRU)
    this._key = null;
    this._shown = null;
    this._defs = svg('defs');
    this._patterns = new Set();
    this._defsRoot = svg(
      'svg',
      {class: 'cm-territory-defs', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false'},
      this._defs,
    );
    this._addPattern('cross', NEUTRAL_COLOR, true);
  }

  onAdd(map) {
    map.getPane(this.options.pane).append(this._defsRoot);
    if (this._shown) map.addLayer(this._shown);
  }

  onRemove(map) {
    if (this._shown) map.removeLayer(this._shown);
    this._defsRoot.remove();
  }

  // Leaflet's attribution control reads this: the attribution in the reader's language.
  getAttribution() {
    return gettext(this.options.attribution);
  }

  // The version ids drawn now (for tests and the timeline), in drawing order.
  shownKey() {
    return this._key;
  }

  setTerritory(collection) {
    const key = territoryKey(collection);
    if (key === this._key) return this;
    let group = this._cache.get(key);
    if (group) this._cache.delete(key);
    else group = this._build(collection);
    this._cache.set(key, group);
    while (this._cache.size > this.options.cacheSize) this._cache.delete(this._cache.keys().next().value);
    const old = this._shown;
    this._shown = group;
    this._key = key;
    if (this._map) {
      this._map.addLayer(group);
      if (old) this._map.removeLayer(old);
    }
    this.fire('territorychange', {key});
    return this;
  }

  // The drawn area of a version (a Leaflet polygon), or null: the timeline opens its popup.
  getArea(id) {
    if (!this._shown) return null;
    return this._shown.getLayers().find((layer) => layer.feature?.id === id) || null;
  }

  openArea(id) {
    const area = this.getArea(id);
    if (!area) return null;
    area.openPopup(area.getCenter());
    return area;
  }

  _build(collection) {
    const features = drawable(collection.features || []);
    for (const color of hatchColors(features)) this._addPattern(hatchPattern(color), color, false);
    const group = L.featureGroup();
    for (const feature of features) {
      const polygon = L.GeoJSON.geometryToLayer(feature, {pane: this.options.pane, renderer: this._renderer});
      polygon.setStyle(this._pathStyle(feature));
      polygon.feature = feature;
      polygon.bindPopup(() => territoryPopup(feature, {dayLabel: this.options.dayLabel()}), {
        maxWidth: 380,
        className: 'cm-leaflet-popup',
        autoPanPaddingTopLeft: [30, 100], // clear of the controls in the top corners
      });
      polygon.on('add', () => tag(polygon, feature));
      group.addLayer(polygon);
    }
    return group;
  }

  _pathStyle(feature) {
    const style = territoryStyle(feature);
    const base = {
      color: style.color,
      weight: this.options.weight,
      opacity: 0.9,
      dashArray: style.dash,
      className: `cm-territory cm-territory--${style.kind}`,
    };
    if (style.fill === 'solid') return {...base, fillColor: style.color, fillOpacity: this.options.fillOpacity};
    return {...base, fillColor: `url(#${this._prefix}-${style.pattern})`, fillOpacity: 1};
  }

  _addPattern(name, color, cross) {
    if (this._patterns.has(name)) return;
    this._patterns.add(name);
    const size = 8;
    const lines = [
      svg('line', {x1: 0, y1: 0, x2: 0, y2: size, stroke: color, 'stroke-width': 2.5, 'stroke-opacity': 0.7}),
    ];
    if (cross)
      lines.push(
        svg('line', {x1: 0, y1: 0, x2: size, y2: 0, stroke: color, 'stroke-width': 1.5, 'stroke-opacity': 0.6}),
      );
    this._defs.append(
      svg(
        'pattern',
        {
          id: `${this._prefix}-${name}`,
          patternUnits: 'userSpaceOnUse',
          width: size,
          height: size,
          patternTransform: 'rotate(45)',
        },
        svg('rect', {width: size, height: size, fill: color, 'fill-opacity': cross ? 0.12 : 0.06}),
        ...lines,
      ),
    );
  }
}

// data-* on the SVG path: lets tests and assistive tooling see what is drawn (as PlaceLayer does).
function tag(polygon, feature) {
  const path = polygon.getElement?.();
  if (!path) return;
  const p = feature.properties;
  path.dataset.territory = String(feature.id);
  path.dataset.kind = p.kind;
  path.dataset.series = p.series || '';
  path.dataset.party = p.party ? p.party.slug : (p.parties || []).map((party) => party.slug).join(' ');
  path.dataset.validFrom = p.valid_from || '';
}

withDefaults(TerritoryLayer, {
  pane: 'cm-territory',
  weight: 1.5,
  fillOpacity: FILL_OPACITY,
  cacheSize: 40,
  dayLabel: () => '',
  // Marked for the catalogue; Leaflet reads it through getAttribution(), translated below.
  attribution: gettext_noop('Territory: approximate areas drawn by conflictmap from public reporting'),
});
