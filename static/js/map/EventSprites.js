// The events canvas's symbols at one device pixel ratio (EventCanvasLayer makes a new set when the
// ratio changes): one small pre-rendered image per (shape, colour) for drawImage, and per shape the
// mask of device pixels it covers, for the layer's pixel buffer. A rendering module (OffscreenCanvas).
import {SHAPES} from './symbols.js';

export class EventSprites {
  // options: the layer's {radius, strokeWidth, strokeColor}.
  constructor(options, ratio) {
    this.options = options;
    this.ratio = ratio;
    this._sprites = new Map();
    this._masks = new Map();
  }

  // One small pre-rendered image per (shape, colour): stamping 20,000 sprites
  // with drawImage is far cheaper to rasterise than filling 20,000 sub-paths.
  sprite(shape, color) {
    const key = `${shape}|${color}`;
    let sprite = this._sprites.get(key);
    if (sprite) return sprite;
    const r = this.options.radius;
    const ratio = this.ratio;
    const half = Math.ceil(r * 1.3 + this.options.strokeWidth + 1);
    const size = Math.ceil(2 * half * ratio);
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.beginPath();
    const unit = SHAPES[shape];
    if (!unit) {
      ctx.arc(half, half, r, 0, Math.PI * 2);
    } else {
      ctx.moveTo(half + unit[0][0] * r, half + unit[0][1] * r);
      for (let j = 1; j < unit.length; j += 1) ctx.lineTo(half + unit[j][0] * r, half + unit[j][1] * r);
      ctx.closePath();
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = this.options.strokeWidth;
    ctx.strokeStyle = this.options.strokeColor;
    ctx.stroke();
    // An ImageBitmap: stamping it does not snapshot a canvas on every drawImage.
    sprite = {canvas: canvas.transferToImageBitmap(), half};
    this._sprites.set(key, sprite);
    return sprite;
  }

  // The unit mask of a shape at device resolution: pixel offsets from the
  // centre, and whether each is outline (white) or fill.
  mask(shape) {
    if (this._masks.has(shape)) return this._masks.get(shape);
    const sprite = this.sprite(shape, '#000000');
    const w = sprite.canvas.width;
    const probe = new OffscreenCanvas(w, w).getContext('2d', {willReadFrequently: true});
    probe.drawImage(sprite.canvas, 0, 0);
    const data = probe.getImageData(0, 0, w, w).data;
    const dx = [];
    const dy = [];
    const outline = [];
    const c = Math.floor(w / 2);
    for (let y = 0; y < w; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const i = (y * w + x) * 4;
        if (data[i + 3] < 128) continue;
        dx.push(x - c);
        dy.push(y - c);
        outline.push(data[i] > 127 ? 1 : 0);
      }
    }
    const mask = {dx: Int16Array.from(dx), dy: Int16Array.from(dy), outline: Uint8Array.from(outline), reach: c};
    this._masks.set(shape, mask);
    return mask;
  }
}

// A mask's pixel offsets in a buffer `width` pixels wide, split into fill and
// outline (disjoint sets, so stamping one then the other is the same as one
// pass). Cached per width: the inner loop is then one typed-array store.
export function maskOffsets(mask, width) {
  if (mask.offWidth === width) return mask;
  const fill = [];
  const edge = [];
  for (let k = 0; k < mask.dx.length; k += 1) {
    (mask.outline[k] ? edge : fill).push(mask.dy[k] * width + mask.dx[k]);
  }
  mask.fillOff = Int32Array.from(fill);
  mask.edgeOff = Int32Array.from(edge);
  mask.offWidth = width;
  return mask;
}
