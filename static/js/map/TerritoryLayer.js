// Territory at the date shown: each area filled in its party's colour (light fill, clear edge), claimed
// advances hatched in the party's colour, contested areas and overlaps in a neutral cross-hatch, the front
// line (where two parties' held areas meet) as a dark line above the fills. Drawn in
// its own pane under places and events, with its own SVG renderer. A rendering module: the app hands it
// the API's FeatureCollection (setTerritory); it never fetches.
//
// No flicker: a drawing is keyed by the versions it shows (territory.js, territoryKey). A slider step
// that keeps the same versions in force changes nothing on the map; a step that changes them adds the
// new areas and only then removes the old ones, in the same task, once the data has arrived.
//
// Per area, not per drawing: a version's polygon (its id and simplification: featureKey) is built once
// and kept while it stays in force, so a step where one series moves builds that series' new polygon
// (and the overlaps and front lines, which follow every version) and leaves the others' paths alone
// (bench/bench_redraw.py: rebuilding the whole drawing on every step cost most of a frame). Built
// polygons are kept in a small LRU, so playing back over the same days rebuilds little.
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
  FRONT_LINE_WEIGHT,
  featureKey,
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
    this._cache = new Map(); // featureKey -> Leaflet path, oldest first (a small LRU)
    this._key = null;
    this._shown = new Map(); // featureKey -> Leaflet path, in drawing order
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
    for (const path of this._shown.values()) map.addLayer(path);
  }

  onRemove(map) {
    for (const path of this._shown.values()) map.removeLayer(path);
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
    const features = drawable(collection.features || []);
    for (const color of hatchColors(features)) this._addPattern(hatchPattern(color), color, false);
    const next = new Map();
    for (const feature of features) {
      const k = featureKey(feature, collection.simplify, key);
      next.set(k, this._shown.get(k) || this._cached(k) || this._buildOne(feature));
    }
    const old = this._shown;
    this._shown = next;
    this._key = key;
    if (this._map) {
      let added = false;
      for (const [k, path] of next) {
        if (old.has(k)) continue;
        this._map.addLayer(path);
        added = true;
      }
      for (const [k, path] of old) if (!next.has(k)) this._map.removeLayer(path);
      // A new path goes on top of the SVG: put every path back in drawing order (held areas under claimed
      // advances, contested areas and the front line). Moving a few DOM nodes, not redrawing them.
      if (added) for (const path of next.values()) path.bringToFront();
    }
    for (const [k, path] of next) this._remember(k, path);
    this.fire('territorychange', {key});
    return this;
  }

  _cached(k) {
    return this._cache.get(k) || null;
  }

  _remember(k, path) {
    this._cache.delete(k);
    this._cache.set(k, path);
    while (this._cache.size > this.options.cacheSize) this._cache.delete(this._cache.keys().next().value);
  }

  // The drawn area of a version (a Leaflet polygon), or null: the timeline opens its popup.
  getArea(id) {
    for (const path of this._shown.values()) if (path.feature?.id === id) return path;
    return null;
  }

  openArea(id) {
    const area = this.getArea(id);
    if (!area) return null;
    area.openPopup(area.getCenter());
    return area;
  }

  _buildOne(feature) {
    const path = L.GeoJSON.geometryToLayer(feature, {pane: this.options.pane, renderer: this._renderer});
    path.setStyle(this._pathStyle(feature));
    path.feature = feature;
    path.bindPopup(() => territoryPopup(feature, {dayLabel: this.options.dayLabel()}), {
      maxWidth: 380,
      className: 'cm-leaflet-popup',
      autoPanPaddingTopLeft: [30, 100], // clear of the controls in the top corners
    });
    path.on('add', () => tag(path, feature));
    return path;
  }

  _pathStyle(feature) {
    const style = territoryStyle(feature);
    if (style.kind === 'front_line') {
      return {
        color: style.color,
        weight: this.options.frontLineWeight,
        opacity: 0.95,
        lineCap: 'round',
        lineJoin: 'round',
        fill: false,
        className: 'cm-territory cm-territory--front_line',
      };
    }
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
  frontLineWeight: FRONT_LINE_WEIGHT,
  fillOpacity: FILL_OPACITY,
  cacheSize: 200, // paths (areas), not drawings
  dayLabel: () => '',
  // Marked for the catalogue; Leaflet reads it through getAttribution(), translated below.
  attribution: gettext_noop('Territory: approximate areas drawn by conflictmap from public reporting'),
});
