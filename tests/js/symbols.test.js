// static/js/map/symbols.js: shapes, outlines and fading shared by the map and the legend.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {
  ageOpacity,
  EVENT_TYPE_SHAPES,
  partyShapes,
  SHAPE_LABELS,
  SHAPES,
  shapePath,
  shapePoints,
} from '../../static/js/map/symbols.js';

test('every event type and every shape has a drawable outline and a label', () => {
  for (const shape of Object.values(EVENT_TYPE_SHAPES)) assert.ok(shape in SHAPES, shape);
  assert.deepEqual(Object.keys(SHAPE_LABELS).sort(), Object.keys(SHAPES).sort());
});

test('parties get shapes in order, wrapping around after eight', () => {
  const parties = Array.from({length: 9}, (_, i) => ({slug: `p${i}`}));
  const shapes = partyShapes(parties);
  assert.equal(shapes.p0, 'circle');
  assert.equal(shapes.p1, 'square');
  assert.equal(shapes.p8, 'circle');
  assert.equal(new Set(Object.values(shapes)).size, 8);
});

test('events fade from opaque (today) to a quarter (the oldest day in the window)', () => {
  assert.equal(ageOpacity(0, 7), 1);
  assert.equal(ageOpacity(6, 7), 0.25);
  assert.equal(ageOpacity(3, 7), 0.625);
  assert.equal(ageOpacity(10, 7), 0.25); // older than the window: never fainter
  assert.equal(ageOpacity(-1, 7), 1); // newer than the day (clock skew): never brighter than opaque
  assert.equal(ageOpacity(0, 1), 1);
});

test('shape outlines are centred and scaled; a circle is an arc path', () => {
  assert.equal(shapePoints('circle', 0, 0, 5), null);
  assert.deepEqual(shapePoints('square', 10, 20, 10), [
    {x: 1.5, y: 11.5},
    {x: 18.5, y: 11.5},
    {x: 18.5, y: 28.5},
    {x: 1.5, y: 28.5},
  ]);
  assert.equal(shapePath('square', 10, 20, 10), 'M1.50,11.50L18.50,11.50L18.50,28.50L1.50,28.50Z');
  assert.equal(shapePath('circle', 10, 10, 5), 'M5,10a5,5 0 1,0 10,0a5,5 0 1,0 -10,0Z');
});
