// static/js/map/ProjectedPoints.js: items' projected positions, shared by the layers of one map.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {ProjectedPoints} from '../../static/js/map/ProjectedPoints.js';

const item = (index, lat, lng) => ({index, latlng: {lat, lng}});

function counting() {
  const calls = [];
  const project = (latlng, zoom) => {
    calls.push([latlng.lat, latlng.lng, zoom]);
    return {x: latlng.lng * 2 ** zoom, y: -latlng.lat * 2 ** zoom};
  };
  return {calls, points: new ProjectedPoints(project)};
}

test('positions come in the items order, each projected once per zoom', () => {
  const {calls, points} = counting();
  const a = item(0, 1, 2);
  const b = item(1, 3, 4);
  assert.deepEqual([...points.xy([b, a], 1).subarray(0, 4)], [8, -6, 4, -2]);
  assert.equal(calls.length, 2);
  // Another window with the same items and one more: only the new one is projected.
  const c = item(2, 5, 6);
  assert.deepEqual([...points.xy([a, b, c], 1).subarray(0, 6)], [4, -2, 8, -6, 12, -10]);
  assert.equal(calls.length, 3);
  // Another zoom: all again.
  assert.deepEqual([...points.xy([a], 2).subarray(0, 2)], [8, -4]);
  assert.equal(calls.length, 4);
});

test('the second layer asking for the same items and zoom gets the same array, projected once', () => {
  const {calls, points} = counting();
  const items = [item(0, 1, 1), item(1, 2, 2)];
  const first = points.xy(items, 3);
  assert.equal(points.xy(items, 3), first);
  assert.equal(calls.length, 2);
});

test('an index that comes back with another item is projected for that item', () => {
  const {points} = counting();
  points.xy([item(0, 1, 1)], 0);
  assert.deepEqual([...points.xy([item(0, 7, 9)], 0).subarray(0, 2)], [9, -7]);
});

test('indices far past the first capacity keep what was projected before', () => {
  const {calls, points} = counting();
  const low = item(3, 1, 1);
  const high = item(5000, 2, 2);
  points.xy([low], 0);
  assert.deepEqual([...points.xy([low, high], 0).subarray(0, 4)], [1, -1, 2, -2]);
  assert.equal(calls.length, 2);
});

test('one cache per map', () => {
  const map = {project: (latlng, zoom) => ({x: latlng.lng + zoom, y: latlng.lat})};
  assert.equal(ProjectedPoints.of(map), ProjectedPoints.of(map));
  assert.notEqual(ProjectedPoints.of(map), ProjectedPoints.of({project: map.project}));
  assert.deepEqual(
    [
      ...ProjectedPoints.of(map)
        .xy([item(0, 1, 2)], 3)
        .subarray(0, 2),
    ],
    [5, 1],
  );
});
