// static/js/map/PlayClock.js: the play's beat.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {PlayClock} from '../../static/js/map/PlayClock.js';

test('days that are drawn in time come one beat apart', () => {
  const clock = new PlayClock(125, 0); // first day due at 125
  assert.equal(clock.next(130), 120); // drawn at 130 (its timer 5 ms late): the next is due at 250
  assert.equal(clock.next(250), 125);
  assert.equal(clock.next(520), 0); // drawn after the next day's beat (500): that day at once
  assert.equal(clock.next(521), 104); // then back on the beat (625)
});

test('a stall of more than a beat moves the beat instead of bursting', () => {
  const clock = new PlayClock(125, 0);
  assert.equal(clock.next(1000), 0); // drawn 750 ms after the next beat: one day at once, not six
  assert.equal(clock.next(1001), 124);
  assert.equal(clock.next(1125), 125);
});

test('a new speed takes effect from the next day', () => {
  const clock = new PlayClock(125, 0);
  assert.equal(clock.next(125, 500), 500);
  assert.equal(clock.next(625, 250), 250);
});

test('eight days a second of quick draws average eight days a second', () => {
  const clock = new PlayClock(125, 0);
  let now = 125;
  const shown = [now];
  for (let i = 0; i < 80; i += 1) {
    const draw = i % 4 === 0 ? 160 : 40; // one day in four longer than a beat
    now += draw; // the day drawn
    now += clock.next(now); // the timer fires on time: the next day shown
    shown.push(now);
  }
  const rate = (shown.length - 1) / ((shown.at(-1) - shown[0]) / 1000);
  assert.ok(Math.abs(rate - 8) < 0.01, `rate ${rate}`);
});
