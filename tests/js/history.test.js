// static/js/map/history.js: a place's control history up to a day, and both sides of a claim.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {parseDay} from '../../static/js/map/dates.js';
import {periods, sides, sidesText} from '../../static/js/map/history.js';

const AZ = {slug: 'az', short_name: 'Azerbaijan'};
const NK = {slug: 'nk', short_name: 'NK authorities'};
const claim = (stance, party, claimant = party?.short_name) => ({stance, claimant_party: party, claimant});

test('sides names each asserting and denying side once, by party or by person', () => {
  const claims = [
    claim('asserts', AZ, 'Ilham Aliyev (Azerbaijan)'),
    claim('asserts', AZ),
    claim('denies', NK),
    claim('denies', null, 'A local official'),
  ];
  assert.deepEqual(sides(claims), {asserted: ['Azerbaijan'], denied: ['NK authorities', 'A local official']});
  assert.equal(sidesText(claims), 'asserted by Azerbaijan; denied by NK authorities and A local official');
  assert.equal(sidesText([claim('asserts', AZ)]), 'asserted by Azerbaijan');
  assert.equal(sidesText([]), '');
  assert.equal(sidesText(undefined), '');
});

test('periods gives who held the place from when to when, oldest first, up to the day', () => {
  const changes = [
    {id: 3, date: '2020-10-10', until: null, party: NK, status: 'disputed', claims: [claim('denies', AZ)]},
    {id: 1, date: '2020-09-27', until: '2020-10-03', party: NK, status: 'confirmed'},
    {id: 2, date: '2020-10-03', until: '2020-10-10', party: AZ, status: 'claimed', claims: [claim('asserts', AZ)]},
  ];
  const onTheFifth = periods(changes, parseDay('2020-10-05'));
  assert.deepEqual(
    onTheFifth.map((p) => [p.party.slug, p.from, p.to, p.status]),
    [
      ['nk', '2020-09-27', '2020-10-03', 'confirmed'],
      ['az', '2020-10-03', null, 'claimed'], // still held on the 5th: the next change is later
    ],
  );
  assert.deepEqual(onTheFifth[0].claims, []);
  const later = periods(changes, parseDay('2020-10-10'));
  assert.deepEqual(
    later.map((p) => [p.from, p.to]),
    [
      ['2020-09-27', '2020-10-03'],
      ['2020-10-03', '2020-10-10'],
      ['2020-10-10', null],
    ],
  );
  assert.deepEqual(periods([], parseDay('2020-10-10')), []);
});

test('two changes on one day keep the order they were recorded in', () => {
  const changes = [
    {id: 9, date: '2020-10-03', until: null, party: NK},
    {id: 4, date: '2020-10-03', until: '2020-10-03', party: AZ},
  ];
  assert.deepEqual(
    periods(changes, parseDay('2020-10-04')).map((p) => p.change.id),
    [4, 9],
  );
});

test('HistoryStore loads a place and day once, and keeps a failure as its Error', async () => {
  const {HistoryStore} = await import('../../static/js/map/HistoryStore.js');
  const calls = [];
  const store = new HistoryStore(async (slug, day) => {
    calls.push([slug, day]);
    if (slug === 'broken') throw new Error('The server answered 500.');
    return [{id: 1, date: '2020-10-03'}];
  });
  assert.equal(store.get('madagiz', 10), null);
  assert.equal(store.has('madagiz', 10), false);
  const [first, second] = await Promise.all([store.load('madagiz', 10), store.load('madagiz', 10)]);
  assert.equal(first, second);
  assert.deepEqual(store.get('madagiz', 10), [{id: 1, date: '2020-10-03'}]);
  await store.load('madagiz', 10);
  assert.deepEqual(calls, [['madagiz', 10]]);
  const error = await store.load('broken', 10);
  assert.ok(error instanceof Error);
  assert.equal(store.get('broken', 10).message, 'The server answered 500.');
});
