// The view's state: selected day, event window, map centre/zoom, filters and the interface language.
// A data module: no DOM. Fires 'change' with the set of keys that changed and
// the origin of the change ('user', 'play', 'map', 'history', 'init').
import {Emitter} from './Emitter.js';

const KEYS = ['day', 'windowDays', 'center', 'zoom', 'filters', 'lang'];

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class MapState extends Emitter {
  constructor(initial) {
    super();
    this._state = {
      day: initial.day,
      windowDays: initial.windowDays,
      center: initial.center || null,
      zoom: initial.zoom ?? null,
      filters: {types: [], parties: [], statuses: [], ...(initial.filters || {})},
      lang: initial.lang ?? 'en',
    };
  }

  get(key) {
    return this._state[key];
  }

  snapshot() {
    return {...this._state, filters: {...this._state.filters}};
  }

  set(patch, origin = 'user') {
    const changed = new Set();
    for (const key of KEYS) {
      if (!(key in patch)) continue;
      let value = patch[key];
      if (key === 'filters') value = {...this._state.filters, ...value};
      if (!same(value, this._state[key])) {
        this._state[key] = value;
        changed.add(key);
      }
    }
    if (changed.size) this.fire('change', {changed, origin, state: this.snapshot()});
    return changed;
  }
}
