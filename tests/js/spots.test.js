// static/js/map/spots.js: events on top of one another, grouped and fanned out.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {badgedSpots, fanOffsets, groupSpots} from '../../static/js/map/spots.js';

const at = (id, x, y) => ({id, x, y});
const project = (item) => item;

test('items at one point form a spot; a lone item does not', () => {
  const groups = groupSpots([at(1, 10, 10), at(2, 10, 10), at(3, 11, 12), at(4, 200, 200)], project);
  assert.equal(groups.length, 1);
  assert.deepEqual(
    groups[0].items.map((i) => i.id),
    [1, 2, 3],
  );
  assert.deepEqual([groups[0].x, groups[0].y], [10, 10]);
});

test('the radius decides what counts as one spot, across grid cells too', () => {
  const items = [at(1, 3.9, 3.9), at(2, 4.1, 4.1), at(3, 30, 30), at(4, 36, 30)];
  assert.equal(groupSpots(items, project, {radius: 4}).length, 1);
  assert.equal(groupSpots(items, project, {radius: 8}).length, 2);
});

test('min sets the smallest spot', () => {
  const items = [at(1, 0, 0), at(2, 0, 0), at(3, 50, 50), at(4, 50, 50), at(5, 50, 50)];
  assert.deepEqual(
    groupSpots(items, project, {min: 3}).map((g) => g.items.length),
    [3],
  );
});

function minDistance(offsets) {
  let best = Infinity;
  for (let i = 0; i < offsets.length; i += 1) {
    for (let j = i + 1; j < offsets.length; j += 1) {
      best = Math.min(best, Math.hypot(offsets[i].x - offsets[j].x, offsets[i].y - offsets[j].y));
    }
  }
  return best;
}

test('fanned-out symbols keep apart and off the spot, for a few and for many', () => {
  for (const count of [2, 3, 9, 10, 40]) {
    const offsets = fanOffsets(count, {spacing: 22});
    assert.equal(offsets.length, count);
    assert.ok(minDistance(offsets) >= 21.5, `count ${count}: ${minDistance(offsets)}`);
    for (const o of offsets) assert.ok(Math.hypot(o.x, o.y) >= 21.9, `count ${count}`);
  }
});

const spot = (x, y, n) => ({x, y, items: Array.from({length: n}, (_, i) => i)});

test('badges go to the largest spots first and never overlap one another', () => {
  const small = spot(100, 100, 2);
  const large = spot(120, 110, 9); // its badge would cover the small one's
  const apart = spot(300, 100, 3);
  const touching = spot(120 + 44, 110, 2); // one badge width right of `large`: touching, not overlapping
  assert.deepEqual(badgedSpots([small, large, apart, touching]), [large, apart, touching]);
});

test('badges are capped, the largest kept; equal counts keep their order', () => {
  const many = Array.from({length: 50}, (_, i) => spot(i * 100, 0, i % 5 === 0 ? 4 : 2));
  const placed = badgedSpots(many, {max: 12});
  assert.equal(placed.length, 12);
  assert.deepEqual(
    placed.slice(0, 10).map((g) => g.x),
    many.filter((g) => g.items.length === 4).map((g) => g.x),
  );
  assert.deepEqual(
    placed.slice(10).map((g) => g.x),
    [100, 200],
  );
});

test('a grid of badges is found exactly: thousands of spots cost one pass', () => {
  const groups = [];
  for (let x = 0; x < 1000; x += 10) for (let y = 0; y < 1000; y += 10) groups.push(spot(x, y, 2));
  const placed = badgedSpots(groups, {max: 10000});
  for (const a of placed) {
    for (const b of placed) {
      if (a !== b) assert.ok(Math.abs(a.x - b.x) >= 44 || Math.abs(a.y - b.y) >= 44);
    }
  }
  assert.ok(placed.length >= 400); // greedy, in order: about one per 50 x 50 px
});
