// static/js/map/territory.js: what the territory layer draws, its drawing key, the timeline's changes.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parseDay} from '../../static/js/map/dates.js';
import {
  changeParts,
  changesInWindow,
  drawable,
  FRONT_LINE_COLOR,
  featureKey,
  formatKm,
  formatKm2,
  frontLineTitle,
  hatchColors,
  NEUTRAL_COLOR,
  territoryKey,
  territoryStyle,
  whose,
} from '../../static/js/map/territory.js';

const AZ = {slug: 'azerbaijan', short_name: 'Azerbaijan', color: '#0072b2'};
const NK = {slug: 'nk-authorities', short_name: 'NK authorities', color: '#e69f00'};
const square = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
  ],
};

function feature(id, properties) {
  return {type: 'Feature', id, geometry: square, properties: {kind: 'held', party: null, ...properties}};
}

const held = feature(2, {party: NK, valid_from: '2020-11-08', series_name: 'NK', area_km2: 7760.9});
const taken = feature(1, {
  party: AZ,
  valid_from: '2020-11-08',
  area_km2: 4399.8,
  change: {previous_valid_from: '2020-10-25', gained_km2: 575.8, lost_km2: 0},
});
const claimed = feature(3, {kind: 'claimed_advance', party: AZ, valid_from: '2020-10-09'});
const overlap = {
  type: 'Feature',
  id: 'overlap-1-2',
  geometry: square,
  properties: {kind: 'overlap', parties: [AZ, NK], area_km2: 12},
};

test('held areas are filled in the party colour; claimed advances hatched; contested areas neutral', () => {
  assert.deepEqual(territoryStyle(taken), {kind: 'held', color: '#0072b2', fill: 'solid', pattern: null, dash: null});
  assert.deepEqual(territoryStyle(claimed), {
    kind: 'claimed_advance',
    color: '#0072b2',
    fill: 'hatch',
    pattern: 'hatch-0072b2',
    dash: '6 4',
  });
  const contested = territoryStyle(overlap);
  assert.equal(contested.color, NEUTRAL_COLOR);
  assert.equal(contested.pattern, 'cross');
  assert.deepEqual(hatchColors([taken, claimed, held]), ['#0072b2']);
});

test('it draws held areas first, then claimed advances, then contested areas and overlaps', () => {
  assert.deepEqual(
    drawable([overlap, claimed, held, taken]).map((f) => f.id),
    [1, 2, 3, 'overlap-1-2'],
  );
  assert.deepEqual(drawable([{...held, geometry: null}]), []);
});

test('two days with the same versions have the same key; another version or tolerance another key', () => {
  const a = territoryKey({simplify: 0.005, features: [held, taken, overlap]});
  assert.equal(a, '0.005|1,2,overlap-1-2');
  assert.equal(territoryKey({simplify: 0.005, features: [overlap, taken, held]}), a);
  assert.notEqual(territoryKey({simplify: 0.005, features: [taken, {...held, id: 9}]}), a);
  assert.notEqual(territoryKey({simplify: null, features: [held, taken]}), a);
});

test('it says whose an area is and formats its km² and change', () => {
  assert.equal(whose(taken), 'Held by Azerbaijan');
  assert.equal(whose(claimed), 'Claimed advance of Azerbaijan (not counted as held)');
  assert.equal(whose(overlap), 'Contested: held by both Azerbaijan and NK authorities');
  assert.equal(formatKm2(4399.8), '4,400 km²');
  assert.equal(formatKm2(12.34), '12.3 km²');
  assert.equal(formatKm2(0), '0 km²');
  assert.equal(formatKm2(null), 'unknown');
  assert.deepEqual(changeParts(taken), {previous: '2020-10-25', gained: 575.8, lost: 0});
  assert.equal(changeParts(held), null);
});

test('the timeline gets the versions that took effect in the window, newest first, no overlaps', () => {
  const features = [claimed, held, taken, overlap];
  assert.deepEqual(
    changesInWindow(features, parseDay('2020-11-02'), parseDay('2020-11-08')).map((f) => f.id),
    [2, 1],
  );
  assert.deepEqual(
    changesInWindow(features, parseDay('2020-10-01'), parseDay('2020-10-09')).map((f) => f.id),
    [3],
  );
  assert.deepEqual(changesInWindow(features, parseDay('2020-11-09'), parseDay('2020-11-15')), []);
});

const front = {
  type: 'Feature',
  id: 'front-1-2',
  geometry: {
    type: 'MultiLineString',
    coordinates: [
      [
        [0, 0],
        [1, 1],
      ],
    ],
  },
  properties: {kind: 'front_line', parties: [AZ, NK], length_km: 160.232},
};

test('the front line is a dark line without fill, drawn above every area, and is no territory change', () => {
  assert.deepEqual(territoryStyle(front), {
    kind: 'front_line',
    color: FRONT_LINE_COLOR,
    fill: 'none',
    pattern: null,
    dash: null,
  });
  assert.deepEqual(
    drawable([front, overlap, claimed, held, taken]).map((f) => f.id),
    [1, 2, 3, 'overlap-1-2', 'front-1-2'],
  );
  assert.deepEqual(changesInWindow([front, held], parseDay('2020-11-01'), parseDay('2020-11-30')), [held]);
  assert.equal(frontLineTitle(front), 'Front line between Azerbaijan and NK authorities');
  assert.equal(formatKm(front.properties.length_km), '160 km');
});

test('a version keeps its drawn area across drawings; overlaps and front lines follow the whole drawing', () => {
  assert.equal(featureKey(held, 0.005, 'k1'), featureKey(held, 0.005, 'k2'));
  assert.notEqual(featureKey(held, 0.005, 'k1'), featureKey(held, null, 'k1'));
  assert.notEqual(featureKey(front, 0.005, 'k1'), featureKey(front, 0.005, 'k2'));
  assert.notEqual(featureKey(overlap, 0.005, 'k1'), featureKey(overlap, 0.005, 'k2'));
});
