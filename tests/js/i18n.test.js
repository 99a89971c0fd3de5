// static/js/i18n/i18n.js: catalogue look-ups, plural forms through Intl, interpolation, formats.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';

import {
  catalogueDate,
  catalogueList,
  formatDate,
  formatNumber,
  gettext,
  interpolate,
  intlSupports,
  ngettext,
  pgettext,
  setCatalog,
} from '../../static/js/i18n/i18n.js';

afterEach(() => setCatalog());

test('without a catalogue every text is its msgid', () => {
  assert.equal(gettext('Legend'), 'Legend');
  assert.equal(ngettext('%(n)s event', '%(n)s events', 1), '%(n)s event');
  assert.equal(ngettext('%(n)s event', '%(n)s events', 2), '%(n)s events');
});

test('a translated text comes from the catalogue, an empty one falls back to the msgid', () => {
  setCatalog({lang: 'ru', catalog: {Legend: 'Легенда', Empty: ''}});
  assert.equal(gettext('Legend'), 'Легенда');
  assert.equal(gettext('Empty'), 'Empty');
  assert.equal(gettext('Unknown'), 'Unknown');
});

test('Russian plural forms follow Intl.PluralRules in the order of the Plural-Forms header', () => {
  setCatalog({
    lang: 'ru',
    catalog: {'%(n)s event': ['%(n)s событие', '%(n)s события', '%(n)s событий', '%(n)s события']},
  });
  const form = (n) => ngettext('%(n)s event', '%(n)s events', n);
  assert.equal(form(1), '%(n)s событие');
  assert.equal(form(21), '%(n)s событие');
  assert.equal(form(3), '%(n)s события');
  assert.equal(form(5), '%(n)s событий');
  assert.equal(form(11), '%(n)s событий');
});

test("contexts are looked up with gettext's separator", () => {
  setCatalog({lang: 'az', catalog: {'status\u0004claimed': 'iddia edilir'}});
  assert.equal(pgettext('status', 'claimed'), 'iddia edilir');
  assert.equal(pgettext('status', 'disputed'), 'disputed');
});

test('interpolate fills named placeholders and leaves unknown ones', () => {
  assert.equal(interpolate('%(a)s and %(b)s, %(c)s', {a: 1, b: 'two'}), '1 and two, %(c)s');
});

test("dates and numbers use the catalogue's language", () => {
  const day = new Date(Date.UTC(2020, 10, 8));
  assert.equal(formatDate(day), '8 November 2020');
  setCatalog({lang: 'ru', catalog: {}});
  assert.match(formatDate(day), /8 ноября 2020/);
  assert.equal(formatNumber(12345.5), '12\u00a0345,5');
});

test('numbers follow a change of language back and forth, with and without options', () => {
  setCatalog({lang: 'en', catalog: {}});
  assert.equal(formatNumber(4400), '4,400');
  setCatalog({lang: 'ru', catalog: {}});
  assert.equal(formatNumber(4400), '4\u00a0400');
  assert.equal(formatNumber(0.25, {style: 'percent'}), '25\u00a0%');
  setCatalog({lang: 'en', catalog: {}});
  assert.equal(formatNumber(4400), '4,400');
  assert.equal(formatNumber(4400, {useGrouping: false}), '4400');
});

test('plural forms follow a change of language', () => {
  const forms = {'%(n)s event': ['%(n)s событие', '%(n)s события', '%(n)s событий', '%(n)s события']};
  setCatalog({lang: 'ru', catalog: forms});
  assert.equal(ngettext('%(n)s event', '%(n)s events', 5), '%(n)s событий');
  assert.equal(ngettext('%(n)s event', '%(n)s events', 2), '%(n)s события');
  setCatalog({lang: 'en', catalog: {'%(n)s event': ['%(n)s event!', '%(n)s events!']}});
  assert.equal(ngettext('%(n)s event', '%(n)s events', 5), '%(n)s events!');
  assert.equal(ngettext('%(n)s event', '%(n)s events', 1), '%(n)s event!');
});

test('without Intl data for the language, dates and lists come from the catalogue', () => {
  setCatalog({
    lang: 'hy',
    catalog: {
      'month in a date\u0004November': 'նոյեմբերի',
      'long date\u0004%(day)s %(month)s %(year)s': '%(day)s %(month)s, %(year)s թ.',
      'list\u0004%(items)s and %(last)s': '%(items)s և %(last)s',
    },
  });
  assert.equal(catalogueDate(new Date(Date.UTC(2020, 10, 8))), '8 նոյեմբերի, 2020 թ.');
  assert.equal(catalogueList(['Ա', 'Բ', 'Գ']), 'Ա, Բ և Գ');
  assert.equal(catalogueList(['Ա']), 'Ա');
  setCatalog();
  assert.equal(catalogueDate(new Date(Date.UTC(2020, 10, 8))), '8 November 2020');
});

test('Intl support is read from what the browser resolves the language to', () => {
  assert.equal(intlSupports(Intl.DateTimeFormat, 'ru'), true);
  assert.equal(intlSupports(Intl.DateTimeFormat, 'xx'), false);
});
