// static/js/admin/points.js: typed coordinates and the admin point field's GeoJSON.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parsePoint, pointGeoJSON, readCoordinate} from '../../static/js/admin/points.js';

test('readCoordinate accepts numbers in range, a decimal comma, and says what is wrong otherwise', () => {
  assert.deepEqual(readCoordinate('40.3314', 90), {value: 40.3314, error: null});
  assert.deepEqual(readCoordinate(' 46,7294 ', 180), {value: 46.7294, error: null});
  assert.deepEqual(readCoordinate('-90', 90), {value: -90, error: null});
  assert.deepEqual(readCoordinate('', 90), {value: null, error: null});
  assert.deepEqual(readCoordinate('91', 90), {value: null, error: 'must be between -90 and 90.'});
  assert.deepEqual(readCoordinate('abc', 180), {value: null, error: 'not a number.'});
  assert.deepEqual(readCoordinate('1e400', 180), {value: null, error: 'not a number.'});
  assert.equal(readCoordinate('40.12345678', 90).value, 40.123457);
});

test('pointGeoJSON writes lon, lat in that order and parsePoint reads it back', () => {
  const text = pointGeoJSON(40.3314, 46.7294);
  assert.deepEqual(JSON.parse(text), {type: 'Point', coordinates: [46.7294, 40.3314]});
  assert.deepEqual(parsePoint(text), {lat: 40.3314, lon: 46.7294});
  assert.equal(parsePoint(''), null);
  assert.equal(parsePoint('{"type": "Polygon", "coordinates": []}'), null);
  assert.equal(parsePoint('not json'), null);
});
