// Filters: event type, party (perpetrator or target), verification status,
// and how many days of events to show. Fires 'filterchange' {filters, windowDays}.
// An empty list means "all"; unticking every box of a group shows none of it.

import {formatNumber, gettext, interpolate} from '../i18n/i18n.js';
import {el} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';

import {NONE} from './urlstate.js';

export {NONE};

export class FilterControl extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
    this._groups = {};
  }

  onAdd() {
    const o = this.options;
    const id = L.Util.stamp(this);
    const details = el('details', {class: 'cm-filters cm-panel'});
    details.append(el('summary', {text: gettext('Filters')}));
    const form = el('form', {class: 'cm-filter-form'});
    form.append(
      this._group(
        'types',
        gettext('Event type'),
        o.eventTypes.map((t) => ({value: t.value, label: t.label})),
      ),
      this._group(
        'parties',
        gettext('Party (carried out or targeted)'),
        o.parties.map((p) => ({value: p.slug, label: p.short_name})),
      ),
      this._group(
        'statuses',
        gettext('Verification'),
        o.verification.map((v) => ({value: v.value, label: v.label})),
      ),
    );
    this._window = el('input', {
      type: 'number',
      id: `cm-window-${id}`,
      min: 1,
      max: o.maxWindow,
      step: 1,
      value: o.windowDays,
    });
    form.append(
      el(
        'p',
        {class: 'cm-window'},
        el('label', {for: this._window.id, text: gettext('Days of events shown')}),
        ' ',
        this._window,
      ),
    );
    L.DomEvent.on(form, 'change', this._onChange, this);
    L.DomEvent.on(form, 'submit', L.DomEvent.preventDefault);
    details.append(form);
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    this.setFilters(o.filters, o.windowDays);
    return details;
  }

  _group(key, legend, choices) {
    const fieldset = el('fieldset', {}, el('legend', {text: legend}));
    this._groups[key] = choices.map((choice) => {
      const box = el('input', {type: 'checkbox', value: choice.value, checked: true, name: key});
      fieldset.append(el('label', {class: 'cm-check'}, box, ` ${choice.label}`));
      return box;
    });
    return fieldset;
  }

  _onChange() {
    const filters = {};
    for (const [key, boxes] of Object.entries(this._groups)) {
      const checked = boxes.filter((box) => box.checked).map((box) => box.value);
      filters[key] = checked.length === boxes.length ? [] : checked.length ? checked : [NONE];
    }
    let windowDays = Math.round(Number(this._window.value));
    if (!Number.isFinite(windowDays) || windowDays < 1 || windowDays > this.options.maxWindow) {
      this._window.setCustomValidity(
        interpolate(gettext('Enter a number of days from %(min)s to %(max)s.'), {
          min: formatNumber(1),
          max: formatNumber(this.options.maxWindow),
        }),
      );
      this._window.reportValidity();
      windowDays = this.options.windowDays;
    } else {
      this._window.setCustomValidity('');
      this.options.windowDays = windowDays;
    }
    this.fire('filterchange', {filters, windowDays});
  }

  setFilters(filters, windowDays) {
    for (const [key, boxes] of Object.entries(this._groups)) {
      const selected = filters[key] || [];
      for (const box of boxes) box.checked = !selected.length || selected.includes(box.value);
    }
    this.options.windowDays = windowDays;
    if (this._window) this._window.value = String(windowDays);
  }
}

withEvents(FilterControl);
withDefaults(FilterControl, {
  position: 'topright',
  eventTypes: [],
  parties: [],
  verification: [],
  windowDays: 7,
  maxWindow: 90,
  filters: {types: [], parties: [], statuses: []},
});
