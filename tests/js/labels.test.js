// static/js/map/labels.js: place names that fit, most important first.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {rankOf, visibleLabels} from '../../static/js/map/labels.js';

const box = (left, top, width = 80, height = 16) => ({left, top, right: left + width, bottom: top + height});

test('of two overlapping names the city wins over the town, whatever the input order', () => {
  const stepanakert = {id: 'stepanakert', kind: 'city', name: 'Stepanakert', box: box(100, 100)};
  const shusha = {id: 'shusha', kind: 'town', name: 'Shusha', box: box(110, 108)};
  assert.deepEqual([...visibleLabels([shusha, stepanakert])], ['stepanakert']);
  assert.deepEqual([...visibleLabels([stepanakert, shusha])], ['stepanakert']);
});

test('names that do not overlap are all shown', () => {
  const items = [
    {id: 'a', kind: 'town', name: 'A', box: box(0, 0)},
    {id: 'b', kind: 'town', name: 'B', box: box(200, 0)},
    {id: 'c', kind: 'village', name: 'C', box: box(0, 100)},
  ];
  assert.equal(visibleLabels(items).size, 3);
});

test('a hidden name does not hide others: only shown names block', () => {
  // b overlaps a (shown) and c; c overlaps only b, which is hidden, so c is shown.
  const items = [
    {id: 'a', kind: 'city', name: 'A', box: box(0, 0)},
    {id: 'b', kind: 'town', name: 'B', box: box(60, 0)},
    {id: 'c', kind: 'town', name: 'C', box: box(150, 0)},
  ];
  assert.deepEqual([...visibleLabels(items)].sort(), ['a', 'c']);
});

test('the gap keeps shown names apart; among equals the alphabetically first wins', () => {
  const items = [
    {id: 'y', kind: 'town', name: 'Yeni', box: box(0, 0)},
    {id: 'x', kind: 'town', name: 'Xanabad', box: box(81, 0)},
  ];
  assert.deepEqual([...visibleLabels(items, {gap: 2})], ['x']);
  assert.equal(visibleLabels(items, {gap: 0}).size, 2);
});

test('unknown kinds rank after villages', () => {
  assert.ok(rankOf('village') < rankOf('checkpoint'));
  assert.ok(rankOf('city') < rankOf('town'));
});
