// The date slider: one step a day over the conflict's dates, step buttons,
// play/pause with speed, a date input, and the keyboard (arrows, Home/End,
// PageUp/PageDown a week). A rendering module: fires 'daychange' {day, commit}
// and 'playchange' {playing}; the app decides what a day means.

import {formatNumber, gettext, interpolate, ngettext} from '../i18n/i18n.js';
import {formatDay, longDay, parseDay} from './dates.js';
import {el} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';
import {PlayClock} from './PlayClock.js';

const KEY_STEPS = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageUp: 7, PageDown: -7};

export class DateSlider extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
    this._day = this.options.day;
    this._timer = null;
  }

  onAdd() {
    const o = this.options;
    const id = L.Util.stamp(this);
    const container = el('div', {class: 'cm-slider leaflet-bar', role: 'group', 'aria-label': gettext('Date')});
    this._range = el('input', {
      type: 'range',
      id: `cm-range-${id}`,
      class: 'cm-range',
      min: o.minDay,
      max: o.maxDay,
      step: 1,
      value: this._day,
      'aria-label': gettext('Date shown on the map'),
    });
    this._dateInput = el('input', {
      type: 'date',
      id: `cm-date-${id}`,
      class: 'cm-date',
      min: formatDay(o.minDay),
      max: formatDay(o.maxDay),
      value: formatDay(this._day),
      required: true,
    });
    this._prev = el('button', {
      type: 'button',
      class: 'cm-step',
      'aria-label': gettext('Previous day'),
      title: gettext('Previous day'),
      text: '◀',
    });
    this._next = el('button', {
      type: 'button',
      class: 'cm-step',
      'aria-label': gettext('Next day'),
      title: gettext('Next day'),
      text: '▶',
    });
    this._play = el('button', {type: 'button', class: 'cm-play', 'aria-pressed': 'false', text: gettext('Play')});
    this._speed = el(
      'select',
      {id: `cm-speed-${id}`, class: 'cm-speed'},
      o.speeds.map((speed) =>
        el('option', {
          value: speed,
          text: interpolate(ngettext('%(n)s day/s', '%(n)s days/s', speed), {n: formatNumber(speed)}),
        }),
      ),
    );
    this._speed.value = String(o.speed);
    this._label = el('output', {class: 'cm-day-label', for: this._range.id, text: longDay(this._day)});

    container.append(
      el(
        'div',
        {class: 'cm-slider-row'},
        this._prev,
        this._play,
        this._next,
        el('label', {for: this._speed.id, class: 'cm-visually-hidden', text: gettext('Playback speed')}),
        this._speed,
        el('label', {for: this._dateInput.id, class: 'cm-date-label', text: gettext('Date')}),
        this._dateInput,
        this._label,
      ),
      this._range,
    );

    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    L.DomEvent.on(this._range, 'input', () => this._set(Number(this._range.value), false));
    L.DomEvent.on(this._range, 'change', () => this._set(Number(this._range.value), true));
    L.DomEvent.on(this._range, 'keydown', this._onKey, this);
    L.DomEvent.on(this._dateInput, 'change', () => {
      const day = parseDay(this._dateInput.value);
      if (day === null || day < o.minDay || day > o.maxDay) {
        this._dateInput.setCustomValidity(
          interpolate(gettext('Choose a date from %(first)s to %(last)s.'), {
            first: longDay(o.minDay),
            last: longDay(o.maxDay),
          }),
        );
        this._dateInput.reportValidity();
        return;
      }
      this._dateInput.setCustomValidity('');
      this._set(day, true);
    });
    L.DomEvent.on(this._prev, 'click', () => this.step(-1));
    L.DomEvent.on(this._next, 'click', () => this.step(1));
    L.DomEvent.on(this._play, 'click', () => (this._timer ? this.pause() : this.play()));
    L.DomEvent.on(this._speed, 'change', () => {
      if (this._timer) {
        this.pause();
        this.play();
      }
    });
    this._sync();
    return container;
  }

  onRemove() {
    this.pause();
  }

  _onKey(e) {
    const o = this.options;
    let day = null;
    if (e.key in KEY_STEPS) day = this._day + KEY_STEPS[e.key];
    else if (e.key === 'Home') day = o.minDay;
    else if (e.key === 'End') day = o.maxDay;
    if (day === null) return;
    e.preventDefault();
    this._set(Math.min(o.maxDay, Math.max(o.minDay, day)), true);
  }

  step(delta) {
    const o = this.options;
    this._set(Math.min(o.maxDay, Math.max(o.minDay, this._day + delta)), true);
  }

  // One day per tick at the chosen speed. A day the app is still drawing holds the next tick (holdUntil),
  // so a slow network slows the play down instead of skipping days unseen.
  play() {
    if (this._timer) return;
    if (this._day >= this.options.maxDay) this._set(this.options.minDay, true);
    this._run = (this._run || 0) + 1; // a tick of an earlier play, still waiting, must not go on
    this._clock = new PlayClock(this._interval(), performance.now());
    this._schedule(this._interval(), this._run);
    this._play.textContent = gettext('Pause');
    this._play.setAttribute('aria-pressed', 'true');
    this.fire('playchange', {playing: true});
  }

  pause() {
    if (!this._timer) return;
    clearTimeout(this._timer);
    this._timer = null;
    this._hold = null;
    this._play.textContent = gettext('Play');
    this._play.setAttribute('aria-pressed', 'false');
    this.fire('playchange', {playing: false});
  }

  // From the app, during a 'daychange' of the play: the next day waits for `promise` (the day drawn).
  holdUntil(promise) {
    this._hold = promise;
  }

  _interval() {
    return 1000 / Number(this._speed.value || this.options.speed);
  }

  _schedule(delay, run) {
    this._timer = setTimeout(() => this._tick(run), delay);
  }

  async _tick(run) {
    if (this._day >= this.options.maxDay) {
      this.pause();
      return;
    }
    this._hold = null;
    this._set(this._day + 1, false, 'play');
    const hold = this._hold;
    if (hold) await hold.catch(() => {});
    if (!this._timer || run !== this._run) return; // paused meanwhile
    this._schedule(this._clock.next(performance.now(), this._interval()), run);
  }

  // From the app (URL, history): show `day` without firing.
  setDay(day) {
    this._day = day;
    if (this._range) this._sync();
  }

  _set(day, commit, origin = 'user') {
    const changed = day !== this._day;
    this._day = day;
    this._sync();
    if (changed || commit) this.fire('daychange', {day, commit, origin});
  }

  _sync() {
    const o = this.options;
    this._range.value = String(this._day);
    this._range.setAttribute('aria-valuetext', longDay(this._day));
    this._dateInput.value = formatDay(this._day);
    this._label.textContent = longDay(this._day);
    this._prev.disabled = this._day <= o.minDay;
    this._next.disabled = this._day >= o.maxDay;
  }
}

withEvents(DateSlider);
withDefaults(DateSlider, {position: 'bottomleft', minDay: 0, maxDay: 0, day: 0, speeds: [1, 2, 4, 8], speed: 2});
