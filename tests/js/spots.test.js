// static/js/map/spots.js: events on top of one another, grouped and fanned out.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {fanOffsets, groupSpots} from '../../static/js/map/spots.js';

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
