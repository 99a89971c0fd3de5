// The play's metronome: when the next day is due. Days are due on a fixed beat (one every `interval`
// ms from the start), so a day that was late (drawn after its beat, or a timer fired late) shortens
// the wait for the next one instead of slowing every day after it. A long stall (more than one beat
// behind) moves the beat to now: the play goes on at its pace, not in a burst of catch-up days.
// Pure: no timers, no DOM; the slider asks it for each delay.

export class PlayClock {
  // The first day is due one beat after `now`.
  constructor(interval, now) {
    this._due = now + interval;
    this.interval = interval;
  }

  // The delay before the next day, asked once the day shown is drawn; `interval` the current speed's,
  // which the reader may change during the play (it sets the next beat on).
  next(now, interval = this.interval) {
    this.interval = interval;
    this._due += interval;
    if (now - this._due > interval) this._due = now;
    return Math.max(0, this._due - now);
  }
}
