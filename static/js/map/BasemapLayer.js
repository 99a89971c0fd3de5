// The offline basemap: Natural Earth country shapes (world-atlas), drawn on a
// canvas in a pane under the tiles, so the map is never a blank box when the
// tile server is unreachable. A rendering module: it is given the GeoJSON.
import {gettext, interpolate} from '../i18n/i18n.js';
import {L, withDefaults} from './leaflet.js';

export class BasemapLayer extends L.GeoJSON {
  constructor(geojson, options) {
    super(null, options);
    L.setOptions(this, options);
    this.options.style = () => ({
      color: this.options.borderColor,
      weight: this.options.borderWeight,
      fillColor: this.options.landColor,
      fillOpacity: 1,
      interactive: false,
    });
    // Every country on one canvas: thousands of polygons would be heavy as SVG.
    this.options.renderer = L.canvas({pane: this.options.pane, padding: 0.5});
    if (geojson) this.addData(geojson);
  }

  // The land and borders for a map theme: the dark theme covers the land too, not only the sea.
  static themed(theme) {
    return theme === 'dark' ? {landColor: '#2b3238', borderColor: '#7d8790'} : {};
  }

  onAdd(map) {
    if (!map.getPane(this.options.pane)) {
      map.createPane(this.options.pane).style.zIndex = String(this.options.zIndex);
    }
    super.onAdd(map);
  }

  // Leaflet's attribution control reads this (HTML: the source's link stays a link).
  getAttribution() {
    return interpolate(gettext('Borders: %(source)s'), {source: this.options.source});
  }
}

withDefaults(BasemapLayer, {
  pane: 'cm-basemap',
  zIndex: 150,
  interactive: false,
  landColor: '#f3f1ec',
  borderColor: '#8c8c8c',
  borderWeight: 0.8,
  source: '<a href="https://www.naturalearthdata.com/">Natural Earth</a>', // i18n-ignore: a name
});
