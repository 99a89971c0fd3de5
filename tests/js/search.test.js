// static/js/map/search.js: finding a place by any of its names.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {normalize, searchPlaces} from '../../static/js/map/search.js';

function place(name, ...alternates) {
  return {properties: {name, slug: name.toLowerCase(), alternate_names: alternates.map((n) => ({name: n}))}};
}

const PLACES = [
  place('Stepanakert', 'Khankendi', 'Xankəndi', 'Ստեփանակերտ'),
  place('Shusha', 'Shushi', 'Şuşa'),
  place('Madagiz', 'Sugovushan'),
  place('Hadrut'),
  place('Aghdam'),
  place('Kelbajar', 'Karvachar'),
];
const names = (results) => results.map((r) => r.feature.properties.name);

test('normalize drops accents and case and trims', () => {
  assert.equal(normalize('  Xankəndi '), 'xankəndi'); // ə is a letter of its own, not an accented e
  assert.equal(normalize('Şuşa'), 'susa');
  assert.equal(normalize('ÉLÉPHANT'), 'elephant');
  assert.equal(normalize(null), '');
  assert.equal(normalize(undefined), '');
});

test('any name finds the place, in any script, accents ignored', () => {
  assert.deepEqual(names(searchPlaces(PLACES, 'khankendi')), ['Stepanakert']);
  assert.deepEqual(names(searchPlaces(PLACES, 'Xankəndi')), ['Stepanakert']);
  assert.deepEqual(names(searchPlaces(PLACES, 'Ստեփանակերտ')), ['Stepanakert']);
  assert.deepEqual(names(searchPlaces(PLACES, 'susa')), ['Shusha']);
  assert.deepEqual(searchPlaces(PLACES, 'sugov')[0].matched, 'Sugovushan');
});

test('names starting with the query come before names containing it, then alphabetically', () => {
  // "ag": Aghdam starts with it; Madagiz merely contains it.
  const results = searchPlaces(PLACES, 'ag');
  assert.deepEqual(
    results.map((r) => [r.feature.properties.name, r.rank]),
    [
      ['Aghdam', 0],
      ['Madagiz', 1],
    ],
  );
  // A place's best name counts: Kelbajar is found by the start of Karvachar.
  assert.deepEqual(
    searchPlaces(PLACES, 'kar').map((r) => [r.feature.properties.name, r.matched, r.rank]),
    [['Kelbajar', 'Karvachar', 0]],
  );
  assert.deepEqual(names(searchPlaces(PLACES, 'a')), [
    'Aghdam',
    'Hadrut',
    'Kelbajar',
    'Madagiz',
    'Shusha',
    'Stepanakert',
  ]);
});

test('an empty query finds nothing, and the limit holds', () => {
  assert.deepEqual(searchPlaces(PLACES, ''), []);
  assert.deepEqual(searchPlaces(PLACES, '   '), []);
  assert.equal(searchPlaces(PLACES, 'a', 2).length, 2);
  assert.deepEqual(searchPlaces([place('Lachin')], 'zzz'), []);
});

test('a place without alternate names is searched by its name', () => {
  assert.deepEqual(names(searchPlaces([{properties: {name: 'Hadrut'}}], 'hadr')), ['Hadrut']);
});
