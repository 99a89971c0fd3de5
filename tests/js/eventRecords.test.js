// static/js/map/eventRecords.js: the compact answer's columns and a GeoJSON Feature give the same record.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {recordFromFeature, recordsFromCompact, recordsOfChunk} from '../../static/js/map/eventRecords.js';

const FEATURES = [
  {
    type: 'Feature',
    id: 7,
    geometry: {type: 'Point', coordinates: [46.75, 39.81]},
    properties: {
      date: '2020-10-03',
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      perpetrator: {slug: 'azerbaijan', short_name: 'Azerbaijan', color: '#0a0'},
      target: {slug: 'nk-authorities', short_name: 'NK', color: '#a00'},
      verification: 'disputed',
      corrected_at: '2020-10-05T10:00:00+00:00',
      place: {slug: 'stepanakert', display_name: 'Stepanakert (Khankendi)'},
      claims: [{id: 1}],
      description: 'long text',
    },
  },
  {
    type: 'Feature',
    id: 9,
    geometry: {type: 'Point', coordinates: [47.1, 40]},
    properties: {
      date: '2020-10-04',
      event_type: 'Protests',
      sub_event_type: '',
      perpetrator: null,
      target: null,
      verification: 'unsourced',
      corrected_at: null,
      place: null,
    },
  },
];

const COMPACT = {
  count: 2,
  columns: ['id', 'lon', 'lat', 'date', 'type', 'sub_type', 'perpetrator', 'target', 'status', 'corrected_at', 'label'],
  id: [7, 9],
  lon: [46.75, 47.1],
  lat: [39.81, 40],
  date: ['2020-10-03', '2020-10-04'],
  type: ['Battles', 'Protests'],
  sub_type: ['Armed clash', null],
  perpetrator: ['azerbaijan', null],
  target: ['nk-authorities', null],
  status: ['disputed', 'unsourced'],
  corrected_at: ['2020-10-05T10:00:00+00:00', null],
  label: ['Stepanakert (Khankendi)', null],
};

test('the compact columns and the GeoJSON features give equal records', () => {
  assert.deepEqual(recordsFromCompact(COMPACT), FEATURES.map(recordFromFeature));
  assert.deepEqual(recordsFromCompact(COMPACT)[0], {
    id: 7,
    date: '2020-10-03',
    lon: 46.75,
    lat: 39.81,
    type: 'Battles',
    subType: 'Armed clash',
    perpetrator: 'azerbaijan',
    target: 'nk-authorities',
    status: 'disputed',
    correctedAt: '2020-10-05T10:00:00+00:00',
    label: 'Stepanakert (Khankendi)',
  });
});

test('a chunk is read by its kind; empty answers and features without a point give no record', () => {
  assert.equal(recordsOfChunk({compact: COMPACT}).length, 2);
  assert.equal(recordsOfChunk({features: [...FEATURES, {...FEATURES[0], id: 3, geometry: null}]}).length, 2);
  assert.deepEqual(recordsOfChunk({compact: {count: 0, id: []}}), []);
  assert.deepEqual(recordsOfChunk({features: []}), []);
});

test("an answer's records are made once, whichever chunk object carries it", () => {
  const answer = structuredClone(COMPACT);
  const first = recordsOfChunk({index: 3, compact: answer});
  assert.equal(recordsOfChunk({index: 3, compact: answer}), first);
  const other = recordsOfChunk({index: 3, compact: structuredClone(COMPACT)});
  assert.notEqual(other, first);
  assert.deepEqual(other, first);
  const features = [...FEATURES];
  assert.equal(recordsOfChunk({features}), recordsOfChunk({features}));
});
