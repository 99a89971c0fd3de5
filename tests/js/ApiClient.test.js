// static/js/map/ApiClient.js places(): the full state once, then deltas applied to the last state.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {ApiClient} from '../../static/js/map/ApiClient.js';
import {formatDay, parseDay} from '../../static/js/map/dates.js';

globalThis.window = {location: {origin: 'http://test.invalid'}};

// Three places changing hands on given days (a fake of the server's state at a date).
const TIMELINES = {
  1: [
    [10, 'red'],
    [20, 'blue'],
    [25, 'red'],
  ],
  2: [[12, 'blue']],
  3: [],
};

function stateAt(day) {
  return Object.entries(TIMELINES).map(([id, changes]) => {
    const current = changes.filter(([since]) => since <= day).at(-1);
    return {id: Number(id), properties: {control: current ? {party: current[1], since: current[0]} : null}};
  });
}

function server() {
  const asked = [];
  const fetch = async (url) => {
    const u = new URL(url);
    asked.push(u.pathname);
    let features;
    if (u.pathname === '/api/places/') {
      features = stateAt(parseDay(u.searchParams.get('date')));
    } else {
      const before = stateAt(parseDay(u.searchParams.get('from')));
      const after = stateAt(parseDay(u.searchParams.get('to')));
      features = after.filter((f, i) => JSON.stringify(f) !== JSON.stringify(before[i]));
    }
    return {ok: true, json: async () => ({features})};
  };
  return {asked, fetch};
}

const urls = {places: '/api/places/', placeChanges: '/api/places/changes/'};

test('it loads the full state once, then only what changed, forward and backward', async () => {
  const {asked, fetch} = server();
  const api = new ApiClient({conflict: 'c', urls, fetch});
  for (const day of [5, 11, 21, 30, 30, 15, 9, 26, 11]) {
    assert.deepEqual(await api.places(day), stateAt(day), `day ${day}`);
  }
  assert.equal(asked[0], '/api/places/');
  assert.ok(asked.slice(1).every((path) => path === '/api/places/changes/'));
  assert.equal(asked.length, 7); // 30 and 11 again come from the cache
});

test('it fetches full states where the API has no delta URL', async () => {
  const {asked, fetch} = server();
  const api = new ApiClient({conflict: 'c', urls: {places: '/api/places/'}, fetch});
  assert.deepEqual(await api.places(21), stateAt(21));
  assert.deepEqual(await api.places(26), stateAt(26));
  assert.deepEqual(asked, ['/api/places/', '/api/places/']);
});

test('it asks for the delta between the days as YYYY-MM-DD', async () => {
  const seen = [];
  const {fetch} = server();
  const api = new ApiClient({
    conflict: 'c',
    urls,
    fetch: (url) => {
      seen.push(url);
      return fetch(url);
    },
  });
  await api.places(100);
  await api.places(90);
  const last = new URL(seen.at(-1));
  assert.equal(last.searchParams.get('from'), formatDay(100));
  assert.equal(last.searchParams.get('to'), formatDay(90));
  assert.equal(last.searchParams.get('conflict'), 'c');
});

test('events come from the compact URL in 32-day chunks, an event record from /api/events/<id>/', async () => {
  const asked = [];
  const fetch = async (url) => {
    asked.push(new URL(url));
    const body = url.includes('/compact/') ? {count: 0, id: []} : {type: 'Feature', id: 5};
    return {ok: true, json: async () => body};
  };
  const api = new ApiClient({
    conflict: 'c',
    urls: {events: '/api/events/', eventsCompact: '/api/events/compact/'},
    fetch,
  });
  const chunks = await api.events(30, 33);
  assert.deepEqual(
    chunks.map((c) => c.index),
    [0, 1],
  );
  assert.deepEqual(chunks[0].compact, {count: 0, id: []});
  assert.deepEqual(
    asked.map((u) => [u.pathname, u.searchParams.get('start'), u.searchParams.get('end')]),
    [
      ['/api/events/compact/', formatDay(0), formatDay(31)],
      ['/api/events/compact/', formatDay(32), formatDay(63)],
    ],
  );
  await api.events(31, 40); // both chunks already loaded
  assert.equal(asked.length, 2);
  assert.deepEqual(await api.event(5), {type: 'Feature', id: 5});
  await api.event(5);
  assert.equal(asked.length, 3);
  assert.equal(asked[2].pathname, '/api/events/5/');
});

test('places thinned for a zoom are their own state: asked with the zoom, deltas within it', async () => {
  const {fetch} = server();
  const seen = [];
  const api = new ApiClient({
    conflict: 'c',
    urls,
    fetch: (url) => {
      seen.push(new URL(url));
      return fetch(url);
    },
  });
  await api.places(10, 6);
  await api.places(11, 6);
  await api.places(11, null);
  await api.places(12, 6);
  assert.deepEqual(
    seen.map((u) => [u.pathname, u.searchParams.get('zoom')]),
    [
      ['/api/places/', '6'],
      ['/api/places/changes/', '6'],
      ['/api/places/', null], // every place: a full state of its own, not a delta from zoom 6's
      ['/api/places/changes/', '6'],
    ],
  );
  assert.equal(seen[3].searchParams.get('from'), formatDay(11));
});

test('it keeps the answers used last: a day visited again and again outlives 200 others', async () => {
  const {asked, fetch} = server();
  const api = new ApiClient({conflict: 'c', urls: {places: '/api/places/'}, fetch});
  for (let day = 100; day < 300; day++) {
    await api.places(50); // the journalist's day of interest, between every other
    await api.places(day);
  }
  assert.equal(asked.length, 201); // day 50 once, then each other day once
  await api.places(100); // the oldest of the others: dropped
  assert.equal(asked.length, 202);
});

// Control changes on given days, newest first as the API lists them (date, then id, descending).
const CHANGES = [3, 3, 5, 8, 8, 8, 13, 20, 21, 21].map((date, i) => ({id: i + 1, date})).reverse();

function changesServer() {
  const asked = [];
  const fetch = async (url) => {
    const u = new URL(url);
    asked.push(u.search);
    const since = u.searchParams.get('since') ? parseDay(u.searchParams.get('since')) : -Infinity;
    const until = parseDay(u.searchParams.get('until'));
    const all = CHANGES.filter((c) => c.date >= since && c.date <= until);
    const size = Number(u.searchParams.get('page_size'));
    return {ok: true, json: async () => ({count: all.length, results: all.slice(0, size)})};
  };
  return {asked, fetch};
}

function changesUpTo(day, size) {
  const all = CHANGES.filter((c) => c.date <= day);
  return {results: all.slice(0, size), count: all.length};
}

test('the timeline list forward is the list loaded plus what came since, equal to the full answer', async () => {
  const {asked, fetch} = changesServer();
  const api = new ApiClient({conflict: 'c', urls: {controlChanges: '/api/control-changes/'}, fetch, timelineSize: 4});
  for (const day of [2, 3, 4, 8, 9, 21, 30, 12, 13, 25]) {
    assert.deepEqual(await api.controlChanges(day), changesUpTo(day, 4), `day ${day}`);
  }
  const sinces = asked.map((search) => new URLSearchParams(search).get('since'));
  // The first, and each day earlier than the one loaded before it (12 after 30), ask for everything.
  assert.deepEqual(sinces, [
    null,
    formatDay(3),
    formatDay(4),
    formatDay(5),
    formatDay(9),
    formatDay(10),
    formatDay(22),
    null,
    formatDay(13),
    formatDay(14),
  ]);
});

test('a window near its chunks edge asks for the next or previous chunk once its own are in', async () => {
  const asked = [];
  const fetch = async (url) => {
    asked.push(Number(new URL(url).searchParams.get('start') && parseDay(new URL(url).searchParams.get('start'))));
    return {ok: true, json: async () => ({count: 0, id: []})};
  };
  const urls = {events: '/api/events/', eventsCompact: '/api/events/compact/'};
  const api = new ApiClient({conflict: 'c', urls, fetch, minDay: 34, maxDay: 125});
  await api.events(38, 44); // chunk 1 (32..63), more than half a chunk (16 days) from its edges
  assert.deepEqual(asked, [32]);
  await api.events(44, 50); // within 16 days of 64: chunk 2 next, after chunk 1
  assert.deepEqual(asked, [32, 64]);
  await api.events(61, 67); // chunks 1 and 2, both loaded; nothing more
  assert.deepEqual(asked, [32, 64]);
  await api.events(90, 96); // chunks 2 and 3 (96..127)
  assert.deepEqual(asked, [32, 64, 96]);
  await api.events(119, 125); // chunk 4 would start after the conflict's last day (125)
  assert.deepEqual(asked, [32, 64, 96]);
  await api.events(34, 40); // chunk 0 (0..31) ends before the conflict's first day (34)
  assert.deepEqual(asked, [32, 64, 96]);
});
