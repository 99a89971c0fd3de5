// Leaflet for the embed: the same Leaflet 1.9.4 the map page uses, from its minified build
// (42 KB gzipped instead of 109 KB for the unminified ES module build), so the embed keeps to
// its 100 KB budget. The embed page's import map sends the map modules' import of
// vendor/leaflet/leaflet-src.esm.js here; this module exports the same names.
// leaflet.js is a UMD bundle: run for its side effect it sets window.L (and window.leaflet);
// noConflict() and the delete take both globals away again.
import '../../vendor/leaflet/leaflet.js';

const L = globalThis.L.noConflict();
delete globalThis.leaflet;

export const {
  Bounds, Browser, CRS, Canvas, Circle, CircleMarker, Class, Control, DivIcon, DivOverlay, DomEvent, DomUtil,
  Draggable, Evented, FeatureGroup, GeoJSON, GridLayer, Handler, Icon, ImageOverlay, LatLng, LatLngBounds, Layer,
  LayerGroup, LineUtil, Map, Marker, Mixin, Path, Point, PolyUtil, Polygon, Polyline, Popup, PosAnimation,
  Projection, Rectangle, Renderer, SVG, SVGOverlay, TileLayer, Tooltip, Transformation, Util, VideoOverlay, bind,
  bounds, canvas, circle, circleMarker, control, divIcon, extend, featureGroup, geoJSON, geoJson, gridLayer, icon,
  imageOverlay, latLng, latLngBounds, layerGroup, map, marker, point, polygon, polyline, popup, rectangle,
  setOptions, stamp, svg, svgOverlay, tileLayer, tooltip, transformation, version, videoOverlay,
} = L;
