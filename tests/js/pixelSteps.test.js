// static/js/map/pixelSteps.js: the events canvas's pixel buffer following a slider step forward.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {alphaBits, alphaRemap, recolour, stepForward} from '../../static/js/map/pixelSteps.js';

const ev = (id, day) => ({id, day});

test('a step forward drops the oldest days and appends newer ones', () => {
  const a = ev(1, 10);
  const b = ev(2, 10);
  const c = ev(3, 11);
  const d = ev(4, 12);
  const e = ev(5, 13);
  assert.equal(stepForward([a, b, c, d], [c, d, e]), 2);
  assert.equal(stepForward([a, b, c, d], [a, b, c, d, e]), 0);
  assert.equal(stepForward([a, b, c, d], [a, b, c, d]), 0); // the same drawing again
  assert.equal(stepForward([a, b, c], [e]), 3); // past the whole window
});

test('anything else is not a step forward: the layer draws everything', () => {
  const a = ev(1, 10);
  const b = ev(2, 10);
  const c = ev(3, 11);
  const d = ev(4, 12);
  assert.equal(stepForward([c, d], [a, b, c, d]), -1); // a step back: older days enter
  assert.equal(stepForward([a, b, c, d], [b, c, d]), -1); // half a day dropped
  assert.equal(stepForward([a, c, d], [a, d]), -1); // filtered: an event of a kept day gone
  assert.equal(stepForward([a, b, c], [a, b, c, ev(9, 11)]), -1); // new on a day already drawn
  assert.equal(stepForward([a, b, c], [a, b, {...c}]), -1); // another object for the same event
  assert.equal(stepForward([], [a]), -1);
  assert.equal(stepForward([a], []), -1);
});

test('the remap gives each drawn day its new alpha and empties dropped days', () => {
  const table = alphaRemap({day: 20, windowDays: 7}, {day: 21, windowDays: 7}, 14, 20, 15);
  for (let d = 14; d <= 20; d += 1) {
    const old = alphaBits(20 - d, 7) >>> 24;
    assert.equal(table[old], d < 15 ? 0 : alphaBits(21 - d, 7));
  }
});

test('days drawn with the same alpha that need different ones now: no remap', () => {
  // Ages past the window's end all have the faintest alpha: day 17 is kept, 16 dropped.
  assert.equal(alphaRemap({day: 20, windowDays: 3}, {day: 21, windowDays: 3}, 10, 20, 17), null);
  // Same alphas, all dropped: fine.
  assert.notEqual(alphaRemap({day: 20, windowDays: 3}, {day: 21, windowDays: 3}, 10, 20, 21), null);
});

// A plain full drawing, the rule the layer follows: every event's square stamped in order, later
// ones over earlier ones, its alpha from its age.
const W = 40;
const H = 30;
function stamp(pixels, item, day, windowDays) {
  const alpha = alphaBits(day - item.day, windowDays);
  for (let y = item.y; y < Math.min(H, item.y + item.size); y += 1) {
    for (let x = item.x; x < Math.min(W, item.x + item.size); x += 1) {
      // Outline white, inside the event's colour, as the layer's masks.
      const edge = x === item.x || y === item.y;
      pixels[y * W + x] = alpha | (edge ? 0xffffff : item.rgb);
    }
  }
}
function drawAll(items, day, windowDays) {
  const pixels = new Uint32Array(W * H);
  for (const item of items) stamp(pixels, item, day, windowDays);
  return pixels;
}

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('stepping forward day by day gives what drawing everything gives', () => {
  for (const [seed, windowDays, perDay] of [
    [1, 7, 6],
    [2, 30, 3],
    [3, 2, 20],
    [4, 90, 1],
  ]) {
    const next = random(seed);
    const events = [];
    for (let day = 0; day < 120; day += 1) {
      const n = Math.floor(next() * perDay * 2); // some days without any
      for (let k = 0; k < n; k += 1) {
        events.push({
          id: events.length,
          day,
          x: Math.floor(next() * W),
          y: Math.floor(next() * H),
          size: 1 + Math.floor(next() * 6),
          rgb: Math.floor(next() * 0xffffff),
        });
      }
    }
    const windowOf = (day) => events.filter((e) => e.day > day - windowDays && e.day <= day);
    let day = windowDays + 3;
    let previous = windowOf(day);
    const pixels = drawAll(previous, day, windowDays);
    let stepped = 0;
    let possible = 0; // steps between two windows with events: all can be taken forward
    while (day < 115) {
      const before = {day, windowDays};
      day += 1 + Math.floor(next() * 2);
      const items = windowOf(day);
      if (previous.length && items.length) possible += 1;
      const dropped = stepForward(previous, items);
      const table =
        dropped < 0 || !previous.length
          ? null
          : alphaRemap(
              before,
              {day, windowDays},
              previous[0].day,
              previous[previous.length - 1].day,
              dropped < previous.length ? previous[dropped].day : Infinity,
            );
      if (table) {
        recolour(pixels, table);
        for (const item of items.slice(previous.length - dropped)) stamp(pixels, item, day, windowDays);
        stepped += 1;
      } else {
        pixels.set(drawAll(items, day, windowDays));
      }
      assert.deepEqual(pixels, drawAll(items, day, windowDays), `seed ${seed}, day ${day}`);
      previous = items;
    }
    assert.ok(possible > 10);
    assert.equal(stepped, possible, `seed ${seed}`);
  }
});
