// static/js/map/urlstate.js: the map's view <-> its query string. The parsing rules are the embed's
// too: tests/fixtures/view_state_cases.json, run here and by tests/test_view_state.py.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';

import {formatDay, parseDay} from '../../static/js/map/dates.js';
import {parseQuery, toQuery} from '../../static/js/map/urlstate.js';
import {VIEW_DEFAULTS} from './support/viewState.js';

const DEFAULTS = VIEW_DEFAULTS;
const LIMITS = {
  minDay: parseDay('2020-09-27'),
  maxDay: parseDay('2020-11-10'),
  maxWindow: 90,
  types: ['Battles', 'Explosions/Remote violence', 'Protests'],
  parties: ['armenia', 'azerbaijan', 'nk-authorities'],
  statuses: ['claimed', 'confirmed', 'disputed', 'denied', 'unsourced'],
};
const SHARED = JSON.parse(readFileSync(new URL('../fixtures/view_state_cases.json', import.meta.url), 'utf8'));

// A case's limits and defaults in the parser's terms, and its state in the fixture's terms.
const sharedLimits = {
  ...SHARED.limits,
  minDay: parseDay(SHARED.limits.start),
  maxDay: parseDay(SHARED.limits.end),
};
// The map page allows `none` in every list (FilterControl's "nothing ticked"), as the embed does.
for (const key of ['types', 'parties', 'statuses']) sharedLimits[key] = [...SHARED.limits[key], 'none'];
const sharedDefaults = {
  day: parseDay(SHARED.defaults.date),
  windowDays: SHARED.defaults.window,
  center: SHARED.defaults.center,
  zoom: SHARED.defaults.zoom,
  filters: {types: SHARED.defaults.types, parties: SHARED.defaults.parties, statuses: SHARED.defaults.statuses},
  lang: SHARED.defaults.lang,
};
function asShared(state) {
  return {
    date: formatDay(state.day),
    center: state.center,
    zoom: state.zoom,
    window: state.windowDays,
    types: state.filters.types,
    parties: state.filters.parties,
    statuses: state.filters.statuses,
    lang: state.lang,
  };
}

for (const {name, query, expected} of SHARED.cases) {
  test(`shared view state: ${name} (${query || 'no query'})`, () => {
    assert.deepEqual(asShared(parseQuery(query, sharedDefaults, sharedLimits)), {...SHARED.defaults, ...expected});
  });
}

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

test('the interface language is written last and read back when it is one of the languages', () => {
  const limits = {...LIMITS, languages: ['en', 'ru']};
  const query = toQuery({...DEFAULTS, lang: 'ru'}, DEFAULTS);
  assert.equal(query, '?date=2020-11-10&lang=ru');
  assert.equal(parseQuery(query, DEFAULTS, limits).lang, 'ru');
  assert.equal(parseQuery('?lang=xx', DEFAULTS, limits).lang, undefined);
});

test('an empty list in the query means "none chosen", not "the default"', () => {
  // The filter control writes NONE for "nothing ticked"; an empty parameter reads as an empty list.
  const state = parseQuery('?types=', {...DEFAULTS, filters: {...DEFAULTS.filters, types: ['Battles']}}, LIMITS);
  assert.deepEqual(state.filters.types, []);
});
