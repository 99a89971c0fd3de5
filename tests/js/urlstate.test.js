// static/js/map/urlstate.js: the map's view <-> its query string.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parseDay} from '../../static/js/map/dates.js';
import {parseQuery, toQuery} from '../../static/js/map/urlstate.js';

const DEFAULTS = {
  day: parseDay('2020-11-10'),
  windowDays: 7,
  center: null,
  zoom: null,
  filters: {types: [], parties: [], statuses: []},
};
const LIMITS = {
  minDay: parseDay('2020-09-27'),
  maxDay: parseDay('2020-11-10'),
  maxWindow: 90,
  types: ['Battles', 'Explosions/Remote violence', 'Protests'],
  parties: ['armenia', 'azerbaijan', 'nk-authorities'],
  statuses: ['claimed', 'confirmed', 'disputed', 'denied', 'unsourced'],
};

test('an empty query gives the defaults', () => {
  assert.deepEqual(parseQuery('', DEFAULTS, LIMITS), DEFAULTS);
  assert.deepEqual(parseQuery('?', DEFAULTS, LIMITS), DEFAULTS);
});

test('it reads every parameter', () => {
  const state = parseQuery(
    '?date=2020-10-03&lat=40.1&lng=46.8&zoom=9&window=14&types=Battles,Protests&parties=azerbaijan&status=disputed',
    DEFAULTS,
    LIMITS,
  );
  assert.deepEqual(state, {
    day: parseDay('2020-10-03'),
    windowDays: 14,
    center: [40.1, 46.8],
    zoom: 9,
    filters: {types: ['Battles', 'Protests'], parties: ['azerbaijan'], statuses: ['disputed']},
  });
});

test('it does not change the defaults it is given', () => {
  const before = structuredClone(DEFAULTS);
  parseQuery('?date=2020-10-03&types=Battles', DEFAULTS, LIMITS);
  assert.deepEqual(DEFAULTS, before);
});

test('a date outside the conflict is clamped to its first or last day', () => {
  assert.equal(parseQuery('?date=2019-01-01', DEFAULTS, LIMITS).day, LIMITS.minDay);
  assert.equal(parseQuery('?date=2030-01-01', DEFAULTS, LIMITS).day, LIMITS.maxDay);
});

test('malformed values fall back to the defaults, one by one', () => {
  const state = parseQuery('?date=2020-10-5&lat=91&lng=46.8&zoom=abc&window=0&types=Battles', DEFAULTS, LIMITS);
  assert.equal(state.day, DEFAULTS.day);
  assert.equal(state.center, null); // lat out of range: no centre at all, not half a centre
  assert.equal(state.zoom, null);
  assert.equal(state.windowDays, 7);
  assert.deepEqual(state.filters.types, ['Battles']); // the good parameter still counts
  assert.equal(parseQuery('?window=91', DEFAULTS, LIMITS).windowDays, 7);
  assert.equal(parseQuery('?lat=40&lng=', DEFAULTS, LIMITS).center, null);
  assert.equal(parseQuery('?zoom=23', DEFAULTS, LIMITS).zoom, null);
});

test('numbers are rounded where only whole ones make sense', () => {
  const state = parseQuery('?zoom=9.6&window=3.4', DEFAULTS, LIMITS);
  assert.equal(state.zoom, 10);
  assert.equal(state.windowDays, 3);
});

test('unknown list values are dropped, known ones kept', () => {
  const state = parseQuery('?types=Battles,Nonsense,&parties=%20azerbaijan%20,mars&status=rumour', DEFAULTS, LIMITS);
  assert.deepEqual(state.filters, {types: ['Battles'], parties: ['azerbaijan'], statuses: []});
});

test('toQuery writes the date always and the rest only when set', () => {
  assert.equal(toQuery(DEFAULTS, DEFAULTS), '?date=2020-11-10');
  const state = {
    day: parseDay('2020-10-03'),
    windowDays: 14,
    center: [40.123456, 46.8],
    zoom: 9,
    filters: {types: ['Battles', 'Explosions/Remote violence'], parties: ['azerbaijan'], statuses: []},
  };
  assert.equal(
    toQuery(state, DEFAULTS),
    '?date=2020-10-03&lat=40.1235&lng=46.8000&zoom=9&window=14&types=Battles,Explosions%2FRemote+violence&parties=azerbaijan',
  );
});

test('a query written by toQuery reads back as the same state', () => {
  const state = {
    day: parseDay('2020-10-20'),
    windowDays: 30,
    center: [39.8177, 46.7528],
    zoom: 11,
    filters: {types: ['Explosions/Remote violence'], parties: ['armenia', 'nk-authorities'], statuses: ['claimed']},
  };
  assert.deepEqual(parseQuery(toQuery(state, DEFAULTS), DEFAULTS, LIMITS), state);
  assert.deepEqual(parseQuery(toQuery(DEFAULTS, DEFAULTS), DEFAULTS, LIMITS), DEFAULTS);
});

test('an empty list in the query means "none chosen", not "the default"', () => {
  // The filter control writes NONE for "nothing ticked"; an empty parameter reads as an empty list.
  const state = parseQuery('?types=', {...DEFAULTS, filters: {...DEFAULTS.filters, types: ['Battles']}}, LIMITS);
  assert.deepEqual(state.filters.types, []);
});
