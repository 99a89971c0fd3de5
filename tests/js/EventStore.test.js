// static/js/map/EventStore.js: loaded events, sorted by day, windowed and filtered.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parseDay} from '../../static/js/map/dates.js';
import {EventStore} from '../../static/js/map/EventStore.js';

const NO_FILTERS = {types: [], parties: [], statuses: []};

// The map's record of an event (static/js/map/eventRecords.js).
function feature(id, date, {type = 'Battles', verification = 'claimed', perpetrator = null, target = null} = {}) {
  return {id, date, lon: 46.8, lat: 39.8, type, subType: null, perpetrator, target, status: verification, label: null};
}

const describe = (f) => ({shape: 'plus', color: '#000000', described: f.id});
const ids = (items) => items.map((item) => item.id);
const day = parseDay;

test('addChunk builds each item once, with its day and what describe() adds', () => {
  const store = new EventStore();
  assert.equal(store.addChunk(0, [feature(1, '2020-10-01')], describe), true);
  const item = store.get(1);
  assert.equal(item.id, 1);
  assert.equal(item.day, day('2020-10-01'));
  assert.equal(item.described, 1);
  assert.equal(item.event.date, '2020-10-01');
  assert.equal(store.get(2), null);
});

test('a chunk already loaded is not loaded again', () => {
  const store = new EventStore();
  store.addChunk(0, [feature(1, '2020-10-01')], describe);
  const item = store.get(1);
  assert.equal(store.addChunk(0, [feature(2, '2020-10-02')], describe), false);
  assert.equal(store.get(2), null);
  // An event in two chunks' answers stays one item (the first one built).
  store.addChunk(1, [feature(1, '2020-10-01'), feature(3, '2020-10-03')], describe);
  assert.equal(store.get(1), item);
  assert.deepEqual(ids(store.window(day('2020-09-01'), day('2020-12-31'), NO_FILTERS)), [1, 3]);
});

test('events without a date or a point are skipped', () => {
  const store = new EventStore();
  const noGeometry = {...feature(2, '2020-10-02'), lon: null};
  store.addChunk(0, [feature(1, 'not a date'), noGeometry, feature(3, '2020-10-03')], describe);
  assert.deepEqual(ids(store.window(day('2020-01-01'), day('2020-12-31'), NO_FILTERS)), [3]);
});

test('window() includes both ends and sorts oldest first, ties by id', () => {
  const store = new EventStore();
  store.addChunk(0, [feature(5, '2020-10-03'), feature(2, '2020-10-03'), feature(9, '2020-10-01')], describe);
  store.addChunk(1, [feature(1, '2020-10-05'), feature(7, '2020-09-30'), feature(4, '2020-10-02')], describe);
  assert.deepEqual(ids(store.window(day('2020-10-01'), day('2020-10-03'), NO_FILTERS)), [9, 4, 2, 5]);
  assert.deepEqual(ids(store.window(day('2020-10-03'), day('2020-10-03'), NO_FILTERS)), [2, 5]);
  assert.deepEqual(ids(store.window(day('2020-10-04'), day('2020-10-04'), NO_FILTERS)), []);
  assert.deepEqual(ids(store.window(day('2020-09-01'), day('2020-12-01'), NO_FILTERS)), [7, 9, 4, 2, 5, 1]);
  assert.deepEqual(ids(store.window(day('2020-10-06'), day('2020-10-01'), NO_FILTERS)), []);
});

test('filters: type, verification, and party as perpetrator or target', () => {
  const store = new EventStore();
  store.addChunk(
    0,
    [
      feature(1, '2020-10-01', {type: 'Battles', perpetrator: 'armenia', target: 'azerbaijan'}),
      feature(2, '2020-10-01', {type: 'Protests', verification: 'confirmed'}),
      feature(3, '2020-10-02', {type: 'Battles', verification: 'disputed', perpetrator: 'azerbaijan'}),
      feature(4, '2020-10-02', {type: 'Explosions/Remote violence', target: 'armenia'}),
    ],
    describe,
  );
  const w = (filters) => ids(store.window(day('2020-10-01'), day('2020-10-02'), {...NO_FILTERS, ...filters}));
  assert.deepEqual(w({}), [1, 2, 3, 4]);
  assert.deepEqual(w({types: ['Battles']}), [1, 3]);
  assert.deepEqual(w({statuses: ['confirmed', 'disputed']}), [2, 3]);
  assert.deepEqual(w({parties: ['armenia']}), [1, 4]);
  assert.deepEqual(w({parties: ['azerbaijan']}), [1, 3]);
  assert.deepEqual(w({types: ['Battles'], parties: ['armenia']}), [1]);
  assert.deepEqual(w({types: ['Riots']}), []);
  // "none" (the filter control's marker for nothing ticked) matches no event.
  assert.deepEqual(w({parties: ['none']}), []);
});

test('window() hands out the store items themselves, unchanged', () => {
  const store = new EventStore();
  store.addChunk(0, [feature(1, '2020-10-01')], describe);
  const [item] = store.window(day('2020-10-01'), day('2020-10-01'), NO_FILTERS);
  assert.equal(item, store.get(1));
  assert.deepEqual(Object.keys(item).sort(), ['color', 'day', 'described', 'event', 'id', 'index', 'shape']);
});

test('items are numbered 0, 1, 2... in loading order, across chunks, skipped events taking no number', () => {
  const store = new EventStore();
  store.addChunk(3, [feature(10, '2020-10-05'), feature(11, 'bad date'), feature(12, '2020-10-01')], describe);
  store.addChunk(1, [feature(12, '2020-10-01'), feature(13, '2020-09-01')], describe);
  assert.deepEqual(
    [10, 12, 13].map((id) => store.get(id).index),
    [0, 1, 2],
  );
});
