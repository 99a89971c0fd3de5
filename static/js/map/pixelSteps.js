// What lets the events canvas's pixel buffer (EventCanvasLayer, dense windows) follow a slider step
// forward without stamping the whole window again. Each pixel holds the colour of the last event
// stamped on it, whose age gave its alpha byte. A step forward drops the oldest days, which lie at the
// bottom: a pixel of theirs had no newer event over it, so it becomes empty; every other pixel keeps
// its event and gets its new age's alpha; then only the entering days are stamped, on top, as a full
// drawing would have stamped them last. A data module: typed arrays, no DOM.
import {ageOpacity} from './symbols.js';

// A pixel's alpha as the buffer holds it (the top byte of an ABGR pixel) for an event `age` days old.
export function alphaBits(age, windowDays) {
  return (Math.round(ageOpacity(age, windowDays) * 255) << 24) >>> 0;
}

// How many of `previous` (drawn, oldest first) a step forward to `items` drops, or -1 if `items` is
// not `previous` without its oldest days and with newer events after it: items[0..) must be the very
// same objects as previous[dropped..), none older than the first, and whatever follows them newer
// than previous's last day.
export function stepForward(previous, items) {
  if (!previous.length || !items.length) return -1;
  let dropped = 0;
  while (dropped < previous.length && previous[dropped].day < items[0].day) dropped += 1;
  const kept = previous.length - dropped;
  if (kept > items.length) return -1;
  for (let i = 0; i < kept; i += 1) {
    if (items[i] !== previous[dropped + i] || items[i].day < items[0].day) return -1;
  }
  if (kept < items.length && items[kept].day <= previous[previous.length - 1].day) return -1;
  return dropped;
}

// Alpha bits now (`after`: {day, windowDays}) by the alpha byte the previous drawing (`before`) gave
// the days fromDay..toDay it drew; 0 for the days before keepFrom (dropped). null when two days drawn
// had the same byte but need different ones now: the byte cannot tell their pixels apart.
export function alphaRemap(before, after, fromDay, toDay, keepFrom) {
  const table = new Uint32Array(256);
  const seen = new Uint8Array(256);
  for (let d = fromDay; d <= toDay; d += 1) {
    const old = alphaBits(before.day - d, before.windowDays) >>> 24;
    const now = d >= keepFrom ? alphaBits(after.day - d, after.windowDays) : 0;
    if (seen[old] && table[old] !== now) return null;
    seen[old] = 1;
    table[old] = now;
  }
  return table;
}

// Every pixel gets the alpha its byte maps to in `table`, or is emptied where that is 0.
export function recolour(pixels, table) {
  for (let p = 0; p < pixels.length; p += 1) {
    const v = pixels[p];
    if (v === 0) continue;
    const alpha = table[v >>> 24];
    pixels[p] = alpha === 0 ? 0 : alpha | (v & 0xffffff);
  }
}
