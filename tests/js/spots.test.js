// static/js/map/spots.js: events on top of one another, grouped and fanned out.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {badgedSpots, fanOffsets, groupSpots} from '../../static/js/map/spots.js';

const at = (id, x, y) => ({id, x, y});
const pointsOf = (items) => Float64Array.from(items.flatMap((item) => [item.x, item.y]));
const group = (items, options) => groupSpots(items, pointsOf(items), options);

// The rule as groupSpots states it, written out plainly (every group tried for every item): an item
// joins the group within reach whose cell is first in the column-by-column scan of the 3 x 3 cells
// around the item's, the oldest group among those of one cell; else it founds a group.
function referenceGroups(items, {radius = 4, min = 2} = {}) {
  const size = Math.max(1, radius);
  const cell = (v) => Math.floor(v / size);
  const groups = [];
  for (const item of items) {
    let best = null;
    let bestRank = Infinity;
    groups.forEach((g, order) => {
      if ((g.x - item.x) ** 2 + (g.y - item.y) ** 2 > radius * radius) return;
      const rank = ((cell(g.x) - cell(item.x) + 1) * 3 + (cell(g.y) - cell(item.y) + 1)) * 1e6 + order;
      if (rank < bestRank) {
        bestRank = rank;
        best = g;
      }
    });
    if (best) best.items.push(item);
    else groups.push({x: item.x, y: item.y, items: [item]});
  }
  return groups.filter((g) => g.items.length >= min);
}

// A seeded generator, so a failure can be reproduced.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('items at one point form a spot; a lone item does not', () => {
  const groups = group([at(1, 10, 10), at(2, 10, 10), at(3, 11, 12), at(4, 200, 200)]);
  assert.equal(groups.length, 1);
  assert.deepEqual(
    groups[0].items.map((i) => i.id),
    [1, 2, 3],
  );
  assert.deepEqual([groups[0].x, groups[0].y], [10, 10]);
});

test('the radius decides what counts as one spot, across grid cells too', () => {
  const items = [at(1, 3.9, 3.9), at(2, 4.1, 4.1), at(3, 30, 30), at(4, 36, 30)];
  assert.equal(group(items, {radius: 4}).length, 1);
  assert.equal(group(items, {radius: 8}).length, 2);
});

test('min sets the smallest spot', () => {
  const items = [at(1, 0, 0), at(2, 0, 0), at(3, 50, 50), at(4, 50, 50), at(5, 50, 50)];
  assert.deepEqual(
    group(items, {min: 3}).map((g) => g.items.length),
    [3],
  );
});

test('between two groups within reach, the item joins the one in the leftmost column of cells', () => {
  // Cells of 4 px: (7, 0) is in the column right of the item's, (0, 0) in the item's own.
  const [right, left, between] = [at(1, 7, 0), at(2, 0, 0), at(3, 3.5, 0)];
  const groups = group([right, left, between], {radius: 4, min: 1});
  assert.deepEqual(
    groups.map((g) => g.items.map((i) => i.id)),
    [[1], [2, 3]],
  );
});

test('grouping follows the rule on random points: crowded, sparse, negative, whole and fractional', () => {
  for (let seed = 1; seed <= 40; seed += 1) {
    const next = random(seed);
    const n = 50 + Math.floor(next() * 3000);
    const spread = [20, 200, 2000][seed % 3];
    const whole = seed % 2 === 0; // layer points are whole pixels; fractions test the distance rule
    const items = Array.from({length: n}, (_, id) => {
      const x = (next() - 0.3) * spread;
      const y = (next() - 0.7) * spread;
      return at(id, whole ? Math.round(x) : x, whole ? Math.round(y) : y);
    });
    for (const options of [{radius: 6}, {radius: 4, min: 3}, {radius: 0.5, min: 1}]) {
      const expected = referenceGroups(items, options).map((g) => [g.x, g.y, g.items.map((i) => i.id)]);
      const got = group(items, options).map((g) => [g.x, g.y, g.items.map((i) => i.id)]);
      assert.deepEqual(got, expected, `seed ${seed}, ${JSON.stringify(options)}`);
    }
  }
});

test('groups of cells far from the origin and of many points in one cell', () => {
  const far = [at(1, 2 ** 28, -(2 ** 28)), at(2, 2 ** 28 + 1, -(2 ** 28)), at(3, -(2 ** 28), 2 ** 28)];
  assert.deepEqual(
    group(far, {radius: 6}).map((g) => g.items.map((i) => i.id)),
    [[1, 2]],
  );
  const pile = Array.from({length: 5000}, (_, id) => at(id, id % 3, 0));
  const groups = group(pile, {radius: 6});
  assert.equal(groups.length, 1);
  assert.equal(groups[0].items.length, 5000);
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
