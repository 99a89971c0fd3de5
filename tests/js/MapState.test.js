// static/js/map/MapState.js (and the Emitter it is built on): the view's state and its change events.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {Emitter} from '../../static/js/map/Emitter.js';
import {MapState} from '../../static/js/map/MapState.js';

function state(initial = {}) {
  return new MapState({day: 100, windowDays: 7, ...initial});
}

function recorder(target) {
  const events = [];
  target.on('change', (e) => events.push(e));
  return events;
}

test('it starts from the initial values, with empty filters by default', () => {
  const s = state();
  assert.deepEqual(s.snapshot(), {
    day: 100,
    windowDays: 7,
    center: null,
    zoom: null,
    filters: {types: [], parties: [], statuses: []},
    lang: 'en',
  });
  assert.equal(state({zoom: 0}).get('zoom'), 0); // 0 is a zoom, not "no zoom"
  assert.deepEqual(state({filters: {types: ['Battles']}}).get('filters'), {
    types: ['Battles'],
    parties: [],
    statuses: [],
  });
});

test('set() fires one change with the keys that changed and the origin', () => {
  const s = state();
  const events = recorder(s);
  const changed = s.set({day: 101, windowDays: 7, zoom: 9}, 'play');
  assert.deepEqual([...changed].sort(), ['day', 'zoom']);
  assert.equal(events.length, 1);
  assert.deepEqual([...events[0].changed].sort(), ['day', 'zoom']);
  assert.equal(events[0].origin, 'play');
  assert.equal(events[0].type, 'change');
  assert.equal(events[0].target, s);
  assert.equal(events[0].state.day, 101);
});

test('set() with nothing new fires nothing', () => {
  const s = state({center: [40, 46]});
  const events = recorder(s);
  assert.equal(s.set({day: 100, center: [40, 46]}).size, 0);
  assert.equal(s.set({unknown: 1}).size, 0);
  assert.equal(events.length, 0);
});

test('the origin defaults to "user"', () => {
  const s = state();
  const events = recorder(s);
  s.set({day: 5});
  assert.equal(events[0].origin, 'user');
});

test('filters are merged key by key', () => {
  const s = state({filters: {types: ['Battles'], parties: ['armenia']}});
  const changed = s.set({filters: {parties: []}});
  assert.deepEqual([...changed], ['filters']);
  assert.deepEqual(s.get('filters'), {types: ['Battles'], parties: [], statuses: []});
});

test('a snapshot is a copy: changing it does not change the state', () => {
  const s = state();
  const snap = s.snapshot();
  snap.day = 1;
  snap.filters.types = ['Riots'];
  assert.equal(s.get('day'), 100);
  assert.deepEqual(s.get('filters').types, []);
});

test('Emitter: on with a context, off, and removal while firing', () => {
  const emitter = new Emitter();
  const seen = [];
  const context = {name: 'ctx'};
  function listener(e) {
    seen.push([this.name, e.value]);
  }
  emitter.on('x', listener, context);
  const once = () => {
    seen.push(['once']);
    emitter.off('x', once);
  };
  emitter.on('x', once);
  emitter.fire('x', {value: 1});
  emitter.fire('x', {value: 2});
  emitter.off('x', listener); // another context: not this listener
  emitter.fire('x', {value: 3});
  emitter.off('x', listener, context);
  emitter.fire('x', {value: 4});
  emitter.fire('nobody-listens');
  assert.deepEqual(seen, [['ctx', 1], ['once'], ['ctx', 2], ['ctx', 3]]);
});
