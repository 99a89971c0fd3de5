// The one place that knows where Leaflet lives: its minified build as an ES module,
// made from node_modules/leaflet/dist/leaflet.js by the set-up (scripts/setup.sh,
// copy_vendor) into static/vendor/. The same file for the map page and the embed, so
// no import map is needed. No global `L`.
import L from '../../vendor/leaflet/leaflet.esm.min.js';

export {L};

// Leaflet-style defaults for an ES class: `Class.prototype.options` inherits its
// parent's defaults (as L.Class.extend does), so `L.setOptions(this, options)`
// in the constructor overrides only what the caller gives.
export function withDefaults(Class, options) {
  const parent = Object.getPrototypeOf(Class.prototype).options || {};
  Class.prototype.options = L.Util.extend(Object.create(parent), options);
  return Class;
}

// Give an ES class based on a non-evented Leaflet class (L.Control) the
// on/off/fire methods, as `includes: L.Evented.prototype` does for L.Class.extend.
export function withEvents(Class) {
  for (const key of Object.getOwnPropertyNames(L.Evented.prototype)) {
    if (key !== 'constructor' && key !== 'options' && !(key in Class.prototype)) {
      Class.prototype[key] = L.Evented.prototype[key];
    }
  }
  return Class;
}
