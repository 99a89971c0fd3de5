// Draws the events in the window on one canvas, batched: one path per
// (shape, colour, age) group, so a slider step with 20,000 events costs a few
// fills rather than 20,000 Leaflet layers. Projected pixel positions are cached
// per zoom. Clicks are hit-tested against what was drawn, topmost first.
// A rendering module: it gets its items from the app and never fetches.
import {L, withDefaults} from './leaflet.js';
import {SHAPES, ageOpacity} from './symbols.js';

export class EventCanvasLayer extends L.Layer {
  constructor(options) {
    super();
    L.setOptions(this, options);
    this._items = [];
    this._day = 0;
    this._windowDays = 7;
    this._drawnItems = [];
    this._drawnXY = new Float32Array(0);
  }

  onAdd(map) {
    this._canvas = L.DomUtil.create('canvas', 'cm-event-canvas leaflet-zoom-hide');
    this._canvas.setAttribute('aria-hidden', 'true');
    this.getPane().appendChild(this._canvas);
    this._ctx = this._canvas.getContext('2d');
    map.on('moveend zoomend resize viewreset', this._reset, this);
    map.on('click', this._onClick, this);
    map.on('mousemove', this._onMouseMove, this);
    this._reset();
  }

  onRemove(map) {
    map.off('moveend zoomend resize viewreset', this._reset, this);
    map.off('click', this._onClick, this);
    map.off('mousemove', this._onMouseMove, this);
    L.DomUtil.remove(this._canvas);
    this._canvas = null;
  }

  // items: [{id, day, latlng, shape, color}], oldest first. Draws synchronously.
  setEvents(items, day, windowDays) {
    this._items = items;
    this._day = day;
    this._windowDays = windowDays;
    if (this._map) this._draw();
    return this;
  }

  _reset() {
    const map = this._map;
    if (!map || !this._canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(this._canvas, map.containerPointToLayerPoint([0, 0]));
    if (this._width !== size.x || this._height !== size.y || this._ratio !== ratio) {
      this._canvas.width = Math.round(size.x * ratio);
      this._canvas.height = Math.round(size.y * ratio);
      this._canvas.style.width = `${size.x}px`;
      this._canvas.style.height = `${size.y}px`;
      this._width = size.x;
      this._height = size.y;
      this._ratio = ratio;
    }
    this._draw();
  }

  _draw() {
    const ctx = this._ctx;
    const map = this._map;
    if (!ctx || !map) return;
    const ratio = this._ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this._width, this._height);

    const zoom = map.getZoom();
    const reference = map.getCenter();
    const container = map.latLngToContainerPoint(reference);
    const projected = map.project(reference, zoom);
    const offX = container.x - projected.x;
    const offY = container.y - projected.y;
    const r = this.options.radius;
    const maxX = this._width + r;
    const maxY = this._height + r;

    // Group by age, then shape and colour; older groups are drawn first (below).
    const groups = new Map();
    const drawn = [];
    for (const item of this._items) {
      if (item.pz !== zoom) {
        const p = map.project(item.latlng, zoom);
        item.px = p.x;
        item.py = p.y;
        item.pz = zoom;
      }
      const x = item.px + offX;
      const y = item.py + offY;
      if (x < -r || y < -r || x > maxX || y > maxY) continue;
      const age = this._day - item.day;
      const key = `${age}|${item.shape}|${item.color}`;
      let group = groups.get(key);
      if (!group) {
        group = {age, shape: item.shape, color: item.color, xy: []};
        groups.set(key, group);
      }
      group.xy.push(x, y);
      drawn.push(item, x, y);
    }

    ctx.lineWidth = this.options.strokeWidth;
    ctx.strokeStyle = this.options.strokeColor;
    const ordered = [...groups.values()].sort((a, b) => b.age - a.age);
    for (const group of ordered) {
      ctx.globalAlpha = ageOpacity(group.age, this._windowDays);
      ctx.fillStyle = group.color;
      ctx.beginPath();
      const unit = SHAPES[group.shape];
      const xy = group.xy;
      for (let i = 0; i < xy.length; i += 2) {
        const x = xy[i];
        const y = xy[i + 1];
        if (!unit) {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, Math.PI * 2);
        } else {
          ctx.moveTo(x + unit[0][0] * r, y + unit[0][1] * r);
          for (let j = 1; j < unit.length; j += 1) ctx.lineTo(x + unit[j][0] * r, y + unit[j][1] * r);
          ctx.closePath();
        }
      }
      ctx.fill();
      ctx.stroke();
    }
    ctx.globalAlpha = 1;

    // Hit-testing data, in drawing order (topmost last).
    const count = drawn.length / 3;
    this._drawnItems = new Array(count);
    this._drawnXY = new Float32Array(count * 2);
    for (let i = 0; i < count; i += 1) {
      this._drawnItems[i] = drawn[i * 3];
      this._drawnXY[i * 2] = drawn[i * 3 + 1];
      this._drawnXY[i * 2 + 1] = drawn[i * 3 + 2];
    }
  }

  // Items drawn within reach of a container point, topmost first.
  itemsAt(point) {
    const reach = this.options.radius + this.options.tolerance;
    const reach2 = reach * reach;
    const found = [];
    for (let i = this._drawnItems.length - 1; i >= 0; i -= 1) {
      const dx = this._drawnXY[i * 2] - point.x;
      const dy = this._drawnXY[i * 2 + 1] - point.y;
      if (dx * dx + dy * dy <= reach2) found.push(this._drawnItems[i]);
    }
    return found;
  }

  _onClick(e) {
    const target = e.originalEvent && e.originalEvent.target;
    if (target && target.classList && target.classList.contains('leaflet-interactive')) return;
    const items = this.itemsAt(e.containerPoint);
    if (items.length) this.fire('eventclick', {item: items[0], items, latlng: items[0].latlng});
  }

  _onMouseMove(e) {
    if (this._moveFrame) return;
    this._moveFrame = L.Util.requestAnimFrame(() => {
      this._moveFrame = null;
      if (!this._map) return;
      const hit = this.itemsAt(e.containerPoint).length > 0;
      this._map.getContainer().classList.toggle('cm-over-event', hit);
    });
  }
}

withDefaults(EventCanvasLayer, {
  pane: 'overlayPane',
  radius: 6,
  strokeColor: '#ffffff',
  strokeWidth: 1,
  tolerance: 3,
});
