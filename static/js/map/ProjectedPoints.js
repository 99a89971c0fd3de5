// Items' projected pixel positions at a zoom (Leaflet's map.project: absolute, unrounded), shared by
// the layers that draw or group the same items: the events canvas and the dense spots both need all
// 20,000 of a busy window on every slider step, and projecting them twice cost ~7 ms a step.
// A data module (no DOM, no Leaflet): `project(latlng, zoom)` is given, items are {index, latlng}
// with `index` dense and unique (EventStore numbers its items 0, 1, 2...).
const shared = new WeakMap();

export class ProjectedPoints {
  // One per map, so every layer of that map reads the same cache.
  static of(map) {
    let points = shared.get(map);
    if (!points) {
      points = new ProjectedPoints((latlng, zoom) => map.project(latlng, zoom));
      shared.set(map, points);
    }
    return points;
  }

  constructor(project) {
    this._project = project;
    // Per item index: its position, the zoom it is for, and whose it is (an index may be reused).
    this._x = new Float64Array(0);
    this._y = new Float64Array(0);
    this._zoom = new Float64Array(0);
    this._owner = [];
    this._lastItems = null;
    this._lastZoom = Number.NaN;
    this._xy = new Float64Array(0);
  }

  _grow(size) {
    if (size <= this._x.length) return;
    let capacity = Math.max(1024, this._x.length);
    while (capacity < size) capacity *= 2;
    const grown = (old) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    this._x = grown(this._x);
    this._y = grown(this._y);
    const zoom = new Float64Array(capacity).fill(Number.NaN);
    zoom.set(this._zoom);
    this._zoom = zoom;
    while (this._owner.length < capacity) this._owner.push(null);
  }

  // The items' positions at `zoom`, in their order: [x0, y0, x1, y1, ...]. The same array for the
  // same items array and zoom (the second layer of a step gets the first one's); the next call
  // with other items or zoom may overwrite it, so a caller keeps what it needs, not the array.
  xy(items, zoom) {
    if (items === this._lastItems && zoom === this._lastZoom) return this._xy;
    const n = items.length;
    if (this._xy.length < n * 2) this._xy = new Float64Array(n * 2);
    const out = this._xy;
    for (let i = 0; i < n; i += 1) {
      const item = items[i];
      const k = item.index;
      if (k >= this._x.length) this._grow(k + 1);
      if (this._zoom[k] !== zoom || this._owner[k] !== item) {
        const p = this._project(item.latlng, zoom);
        this._x[k] = p.x;
        this._y[k] = p.y;
        this._zoom[k] = zoom;
        this._owner[k] = item;
      }
      out[i * 2] = this._x[k];
      out[i * 2 + 1] = this._y[k];
    }
    this._lastItems = items;
    this._lastZoom = zoom;
    return out;
  }
}
