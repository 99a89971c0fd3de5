// static/js/map/dates.js: days since 1970-01-01 (UTC).
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {clampDay, formatDay, longDate, longDay, parseDay, todayDay} from '../../static/js/map/dates.js';

test('parseDay counts whole UTC days since 1970-01-01', () => {
  assert.equal(parseDay('1970-01-01'), 0);
  assert.equal(parseDay('1970-01-02'), 1);
  assert.equal(parseDay('1969-12-31'), -1);
  assert.equal(parseDay('2020-10-03'), 18538);
});

test('parseDay refuses what is not a real YYYY-MM-DD date', () => {
  for (const text of [
    '',
    null,
    undefined,
    '2020-10-3',
    '2020-1-03',
    '03-10-2020',
    '2020-10-03T00:00',
    ' 2020-10-03',
    '2020-02-30',
    '2021-02-29',
    '2020-13-01',
    '2020-00-10',
    'yesterday',
  ]) {
    assert.equal(parseDay(text), null, String(text));
  }
  assert.equal(parseDay('2020-02-29'), parseDay('2020-03-01') - 1); // a leap day is a day
});

test('formatDay is the inverse of parseDay', () => {
  for (const iso of ['1970-01-01', '1969-12-31', '2000-02-29', '2020-10-03', '2099-12-31']) {
    assert.equal(formatDay(parseDay(iso)), iso);
  }
});

test('longDay and longDate write the date out in English, in UTC', () => {
  assert.equal(longDay(parseDay('2020-10-03')), '3 October 2020');
  assert.equal(longDate('2020-09-27'), '27 September 2020');
  // Not a date: shown as given rather than as "Invalid Date".
  assert.equal(longDate('soon'), 'soon');
  assert.equal(longDate(null), '');
});

test('clampDay keeps a day within [min, max]', () => {
  assert.equal(clampDay(5, 10, 20), 10);
  assert.equal(clampDay(25, 10, 20), 20);
  assert.equal(clampDay(15, 10, 20), 15);
  assert.equal(clampDay(10, 10, 10), 10);
});

test('todayDay is the current UTC day', () => {
  const now = new Date();
  const iso = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;
  const day = todayDay();
  // Around midnight UTC the two reads may straddle the change of day.
  assert.ok(day === parseDay(iso) || day === parseDay(iso) + 1, `${day} vs ${iso}`);
});
