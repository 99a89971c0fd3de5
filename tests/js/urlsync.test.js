// static/js/map/urlstate.js, UrlSync: the map's state <-> the page's address, on a stand-in for the window
// (its location and the history entries it was given).
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parseDay} from '../../static/js/map/dates.js';
import {UrlSync} from '../../static/js/map/urlstate.js';
import {VIEW_DEFAULTS} from './support/viewState.js';

const DEFAULTS = {...VIEW_DEFAULTS, lang: 'en'};
const LIMITS = {
  minDay: parseDay('2020-09-27'),
  maxDay: parseDay('2020-11-10'),
  maxWindow: 90,
  types: ['Battles', 'Protests'],
  parties: ['armenia', 'azerbaijan'],
  statuses: ['claimed', 'confirmed'],
  languages: ['en', 'hy', 'ru'],
};

// A window whose history entries are recorded and whose address follows them, as a browser's does.
function page(search) {
  const entries = [];
  const location = {pathname: '/conflicts/x/', search, hash: '#map'};
  const go = (kind) => (_state, _title, url) => {
    entries.push([kind, url]);
    location.search = url.slice(location.pathname.length, url.indexOf('#'));
  };
  return {location, history: {pushState: go('push'), replaceState: go('replace')}, entries};
}

function sync(search, options = {}) {
  const window = page(search);
  return {window, url: new UrlSync({defaults: DEFAULTS, limits: LIMITS, ...options}, window)};
}

test('read: the address by urlstate.js rules, the defaults for what it lacks', () => {
  const {url} = sync('?date=2020-10-03&window=14&parties=armenia,nobody');
  const state = url.read();
  assert.equal(state.day, parseDay('2020-10-03'));
  assert.equal(state.windowDays, 14);
  assert.deepEqual(state.filters, {types: [], parties: ['armenia'], statuses: []});
  assert.equal(state.center, null);
});

test('read: a locked map keeps its date whatever the address says', () => {
  const {url} = sync('?date=2020-10-03&window=14', {locked: true});
  const state = url.read();
  assert.equal(state.day, DEFAULTS.day);
  assert.equal(state.windowDays, 14);
});

test('write: a step of the reader is a new entry, any other change rewrites the current one', () => {
  const {url, window} = sync('?date=2020-10-03');
  url.read();
  url.write({...DEFAULTS, day: parseDay('2020-10-04')}, 'user');
  url.write({...DEFAULTS, day: parseDay('2020-10-04'), zoom: 9}, 'map');
  assert.deepEqual(window.entries, [
    ['push', '/conflicts/x/?date=2020-10-04#map'],
    ['replace', '/conflicts/x/?date=2020-10-04&zoom=9#map'],
  ]);
});

test('write: nothing when the address already says it', () => {
  const {url, window} = sync('?date=2020-10-03');
  url.read();
  url.write({...DEFAULTS, day: parseDay('2020-10-03')}, 'user');
  assert.deepEqual(window.entries, []);
});

test('write: the lang= the address gave is kept, else the page language unless it is English', () => {
  const asked = sync('?date=2020-10-03&lang=en');
  asked.url.read();
  asked.url.write({...DEFAULTS, day: parseDay('2020-10-04'), lang: 'hy'}, 'user');
  assert.deepEqual(asked.window.entries, [['push', '/conflicts/x/?date=2020-10-04&lang=en#map']]);

  const english = sync('?date=2020-10-03');
  english.url.read();
  english.url.write({...DEFAULTS, day: parseDay('2020-10-04')}, 'user');
  assert.deepEqual(english.window.entries, [['push', '/conflicts/x/?date=2020-10-04#map']]);

  const armenian = sync('?date=2020-10-03');
  armenian.url.read();
  armenian.url.write({...DEFAULTS, day: parseDay('2020-10-04'), lang: 'hy'}, 'user');
  assert.deepEqual(armenian.window.entries, [['push', '/conflicts/x/?date=2020-10-04&lang=hy#map']]);
});

test('read: an unknown lang= is not kept', () => {
  const {url, window} = sync('?date=2020-10-03&lang=xx');
  assert.equal(url.read().lang, 'en');
  url.write({...DEFAULTS, day: parseDay('2020-10-04')}, 'user');
  assert.deepEqual(window.entries, [['push', '/conflicts/x/?date=2020-10-04#map']]);
});
