// Draws the events in the window on one canvas, batched: one path per
// (shape, colour, age) group, so a slider step with 20,000 events costs a few
// fills rather than 20,000 Leaflet layers. Projected pixel positions (per zoom) come
// from the map's ProjectedPoints, which the dense-spot layer reads too; sprites, masks
// and colours are cached in the layer's own records, one per item, in an array indexed
// by the item's `index` (dense, given by the EventStore): the store's items are never
// written to. Clicks are hit-tested against what was drawn,
// topmost first.
// A rendering module: it gets its items from the app and never fetches.

import {EventSprites, maskOffsets} from './EventSprites.js';
import {L, withDefaults} from './leaflet.js';
import {ProjectedPoints} from './ProjectedPoints.js';
import {alphaBits, alphaRemap, recolour, stepForward} from './pixelSteps.js';
import {ageOpacity} from './symbols.js';

function sameItems(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

// What the layer caches per item (the store's items stay as the store made them):
// its sprite and its mask (valid for one sprite set, i.e. device pixel ratio) and its
// colour as ABGR (for `rgbOf`).
// `item` says whose record it is (a slot is reused if another item comes with that index).
function newEntry(item) {
  return {
    item,
    sprite: null,
    spriteSet: null,
    mask: null,
    maskSet: null,
    rgb: 0,
    rgbOf: null,
  };
}

export class EventCanvasLayer extends L.Layer {
  constructor(options) {
    super();
    L.setOptions(this, options);
    this._items = [];
    this._day = 0;
    this._windowDays = 7;
    this._drawnItems = [];
    this._drawnXY = new Float32Array(0);
    this._sprites = null; // EventSprites for the current device pixel ratio
    this._colours = new Map();
    // Per-item cache records, at the item's index. An array lookup, not a WeakMap: a
    // WeakMap.get per event per step measured ~30x slower than a property read.
    this._entries = [];
  }

  // The layer's cache record for `item`.
  _entry(item) {
    const entries = this._entries;
    const k = item.index;
    // Filled in order with nulls, so the array stays dense (fast elements), never holey.
    while (entries.length <= k) entries.push(null);
    let entry = entries[k];
    if (entry === null || entry.item !== item) {
      entry = newEntry(item);
      entries[k] = entry;
    }
    return entry;
  }

  onAdd(map) {
    this._points = ProjectedPoints.of(map);
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

  // items: [{id, index, day, latlng, shape, color}], oldest first, `index` a small integer
  // unique per item (EventStore numbers its items 0, 1, 2...). Draws synchronously.
  // Nothing is redrawn when the same events, day and window come again (a
  // refresh that changed nothing the layer shows).
  setEvents(items, day, windowDays) {
    const same =
      this._drawnFor && day === this._day && windowDays === this._windowDays && sameItems(items, this._items);
    this._items = items;
    this._day = day;
    this._windowDays = windowDays;
    if (this._map && !same) this._draw();
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
    if (!this._sprites || this._sprites.ratio !== ratio) this._sprites = new EventSprites(this.options, ratio);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
    this._drawnFor = true;

    const zoom = map.getZoom();
    const reference = map.getCenter();
    const container = map.latLngToContainerPoint(reference);
    const projected = map.project(reference, zoom);
    const offX = container.x - projected.x;
    const offY = container.y - projected.y;
    const r = this.options.radius * 1.3;
    const maxX = this._width + r;
    const maxY = this._height + r;

    const items = this._items;
    const points = this._points.xy(items, zoom);
    if (items.length >= this.options.pixelThreshold) {
      this._drawPixels(points, zoom, offX, offY);
      return;
    }
    this._pixelsHold = null;
    const drawnItems = [];
    const xy = new Float32Array(items.length * 2);
    let alphaAge = null;
    // Items come oldest first, so newer events are drawn on top of older ones.
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i];
      const x = points[i * 2] + offX;
      const y = points[i * 2 + 1] + offY;
      if (x < -r || y < -r || x > maxX || y > maxY) continue;
      const age = this._day - item.day;
      if (age !== alphaAge) {
        ctx.globalAlpha = ageOpacity(age, this._windowDays);
        alphaAge = age;
      }
      const entry = this._entry(item);
      if (entry.spriteSet !== this._sprites) {
        entry.sprite = this._sprites.sprite(item.shape, item.color);
        entry.spriteSet = this._sprites;
      }
      const sprite = entry.sprite;
      // Whole device pixels: no resampling when stamping.
      ctx.drawImage(sprite.canvas, Math.round((x - sprite.half) * ratio), Math.round((y - sprite.half) * ratio));
      xy[drawnItems.length * 2] = x;
      xy[drawnItems.length * 2 + 1] = y;
      drawnItems.push(item);
    }
    ctx.globalAlpha = 1;
    // Hit-testing data, in drawing order (topmost last).
    this._drawnItems = drawnItems;
    this._drawnXY = xy;
  }

  // Dense windows (thousands of events): stamp precomputed shape masks straight
  // into one pixel buffer and put it on the canvas once. Later (newer) events
  // overwrite older ones; no anti-aliasing, which does not show at that density.
  // A step forward on an unmoved map re-alphas the buffer and stamps only the
  // entering days (pixelSteps.js): ~700 events instead of 20,000, whose hit-testing
  // entries follow the kept ones'.
  // Nothing is allocated per frame (buffers, masks, colours are reused), so a
  // slider played for minutes does not stall on garbage collection.
  _drawPixels(points, zoom, offX, offY) {
    const ctx = this._ctx;
    const ratio = this._ratio;
    const width = this._canvas.width;
    const height = this._canvas.height;
    if (!this._pixels || this._pixels.width !== width || this._pixels.height !== height) {
      this._pixels = ctx.createImageData(width, height);
      this._pixels32 = new Uint32Array(this._pixels.data.buffer);
      this._pixelsHold = null;
    }
    const buf = this._pixels32;
    const items = this._items;
    const from = this._keptPixels(zoom, offX, offY);
    if (from === 0) buf.fill(0);
    if (!this._xyBuffer || this._xyBuffer.length < items.length * 2) {
      const grown = new Float32Array(items.length * 2);
      if (this._xyBuffer) grown.set(this._xyBuffer);
      this._xyBuffer = grown;
    }
    const xy = this._xyBuffer;
    const drawnItems = this._drawnItems === this._lastPixelItems ? this._drawnItems : [];
    if (from > 0) {
      // The kept events are where they were drawn: their hit-testing entries stay, less the dropped days'.
      let gone = 0;
      while (gone < drawnItems.length && drawnItems[gone].day < items[0].day) gone += 1;
      drawnItems.splice(0, gone);
      xy.copyWithin(0, gone * 2, (gone + drawnItems.length) * 2);
    } else {
      drawnItems.length = 0;
    }
    this._lastPixelItems = drawnItems;
    const colours = this._colours;
    const white = 0xffffff;
    const day = this._day;
    let age = null;
    let alpha = 0;
    let edge = 0;
    for (let i = from; i < items.length; i += 1) {
      const item = items[i];
      const entry = this._entry(item);
      const x = points[i * 2] + offX;
      const y = points[i * 2 + 1] + offY;
      const cx = Math.round(x * ratio);
      const cy = Math.round(y * ratio);
      if (entry.maskSet !== this._sprites) {
        entry.mask = this._sprites.mask(item.shape);
        entry.maskSet = this._sprites;
      }
      const mask = entry.mask;
      const reach = mask.reach;
      if (cx < -reach || cy < -reach || cx >= width + reach || cy >= height + reach) continue;
      xy[drawnItems.length * 2] = x;
      xy[drawnItems.length * 2 + 1] = y;
      drawnItems.push(item);
      if (day - item.day !== age) {
        age = day - item.day;
        alpha = alphaBits(age, this._windowDays);
        edge = (alpha | white) >>> 0;
      }
      if (entry.rgbOf !== item.color) {
        let rgb = colours.get(item.color);
        if (rgb === undefined) {
          const hex = parseInt(item.color.slice(1), 16);
          rgb = ((hex & 0xff) << 16) | (hex & 0xff00) | ((hex >> 16) & 0xff); // ABGR in little-endian memory
          colours.set(item.color, rgb);
        }
        entry.rgb = rgb;
        entry.rgbOf = item.color;
      }
      const fill = (alpha | entry.rgb) >>> 0;
      if (cx - reach >= 0 && cy - reach >= 0 && cx + reach < width && cy + reach < height) {
        const {fillOff, edgeOff} = maskOffsets(mask, width);
        const base = cy * width + cx;
        for (let k = 0; k < fillOff.length; k += 1) buf[base + fillOff[k]] = fill;
        for (let k = 0; k < edgeOff.length; k += 1) buf[base + edgeOff[k]] = edge;
      } else {
        // Partly off the canvas: clip pixel by pixel.
        const {dx, dy, outline} = mask;
        for (let k = 0; k < dx.length; k += 1) {
          const px = cx + dx[k];
          const py = cy + dy[k];
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
          buf[py * width + px] = outline[k] ? edge : fill;
        }
      }
    }
    ctx.putImageData(this._pixels, 0, 0);
    this._pixelsHold = {items, day, windowDays: this._windowDays, zoom, offX, offY, ratio};
    this._drawnItems = drawnItems;
    this._drawnXY = xy;
  }

  // How many of the items (from the first) the pixel buffer holds already as they are to be drawn
  // now, after emptying the dropped days and re-alphaing the rest: the previous drawing's when this
  // is a step forward from it on an unmoved map (pixelSteps.js), else 0 (draw all).
  _keptPixels(zoom, offX, offY) {
    const hold = this._pixelsHold;
    this._pixelsHold = null;
    if (!hold || hold.zoom !== zoom || hold.offX !== offX || hold.offY !== offY || hold.ratio !== this._ratio) return 0;
    const previous = hold.items;
    const dropped = stepForward(previous, this._items);
    if (dropped < 0) return 0;
    const keepFrom = dropped < previous.length ? previous[dropped].day : Number.POSITIVE_INFINITY;
    const now = {day: this._day, windowDays: this._windowDays};
    const table = alphaRemap(hold, now, previous[0].day, previous[previous.length - 1].day, keepFrom);
    if (!table) return 0;
    recolour(this._pixels32, table);
    return previous.length - dropped;
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
    const target = e.originalEvent?.target;
    if (target?.classList?.contains('leaflet-interactive')) return;
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
  // From this many events in the window on, draw straight into a pixel buffer.
  pixelThreshold: 2000,
});
