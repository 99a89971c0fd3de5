// The timeline beside the map: control changes up to the date and the events
// in the window, newest first, grouped under date headings. It is the text
// alternative to the map: a real list of buttons, with a live summary of the
// date change. Fires 'itemselect' {kind, id}. A rendering module.

import {formatNumber, gettext, interpolate, ngettext} from '../i18n/i18n.js';
import {statusWord} from '../i18n/vocabulary.js';
import {longDate, longDay} from './dates.js';
import {el} from './dom.js';
import {sidesText} from './history.js';
import {L, withDefaults} from './leaflet.js';
import {correctedNote, eventTitle} from './popups.js';
import {changeParts, formatKm2, whose} from './territory.js';

const KIND_ORDER = {change: 0, territory: 1, event: 2};
function attribution(claims) {
  const asserting = (claims || []).filter((c) => c.stance !== 'denies');
  if (!asserting.length) return gettext('no attributed claim recorded');
  const first = asserting[0];
  const source = first.source || {};
  const others = asserting.length - 1;
  const claimant = others
    ? interpolate(ngettext('%(claimant)s and %(n)s more', '%(claimant)s and %(n)s more', others), {
        claimant: first.claimant,
        n: formatNumber(others),
      })
    : first.claimant;
  const values = {claimant, outlet: source.outlet || gettext('unknown outlet')};
  if (!source.published_on) return interpolate(gettext('according to %(claimant)s, reported by %(outlet)s'), values);
  return interpolate(gettext('according to %(claimant)s, reported by %(outlet)s on %(date)s'), {
    ...values,
    date: longDate(source.published_on),
  });
}

// The verification in one word; "no claims recorded" for an event or area nobody has claimed yet.
function verificationWord(value) {
  return value === 'unsourced' ? gettext('no claims recorded') : statusWord(value);
}

export class TimelinePanel extends L.Evented {
  constructor(options) {
    super();
    L.setOptions(this, options);
    this._buttons = new Map();
    this._selected = null;
  }

  addTo(container) {
    this._container = container;
    this.onAdd(container);
    return this;
  }

  remove() {
    if (this._container) this.onRemove(this._container);
    this._container = null;
    return this;
  }

  onAdd(container) {
    const id = `cm-timeline-${L.Util.stamp(this)}`;
    this._root = el('div', {class: 'cm-timeline'});
    this._heading = el('h2', {
      id: container.getAttribute('aria-labelledby') || id,
      text: this.options.title ?? gettext('Timeline'),
    });
    if (!container.getAttribute('aria-labelledby')) container.setAttribute('aria-labelledby', this._heading.id);
    this._summary = el('p', {
      class: 'cm-timeline-summary',
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    this._error = el('p', {class: 'cm-error', role: 'alert', hidden: true});
    this._list = el('div', {class: 'cm-timeline-list'});
    this._root.append(this._heading, this._summary, this._error, this._list);
    container.append(this._root);
    L.DomEvent.on(this._list, 'click', this._onClick, this);
  }

  onRemove() {
    L.DomEvent.off(this._list, 'click', this._onClick, this);
    this._root.remove();
  }

  showError(message) {
    this._error.textContent = message || '';
    this._error.hidden = !message;
  }

  _onClick(e) {
    const button = e.target.closest('button[data-kind]');
    if (!button) return;
    this.fire('itemselect', {kind: button.dataset.kind, id: Number(button.dataset.id)});
  }

  // events: newest first (items from the EventStore); changes: control changes up to the day, newest first;
  // territory: the territory versions in force that took effect in the window (territory.js, changesInWindow).
  render({day, windowDays, events, changes, changesTotal, placeNames, territory = []}) {
    const limit = this.options.maxItems;
    const shownEvents = events.slice(0, limit);
    const entries = [
      ...changes.map((change) => ({kind: 'change', date: change.date, id: change.id, change})),
      ...territory.map((feature) => ({
        kind: 'territory',
        date: feature.properties.valid_from,
        id: feature.id,
        feature,
      })),
      ...shownEvents.map((item) => ({kind: 'event', date: item.feature.properties.date, id: item.id, item})),
    ].sort((a, b) =>
      a.date < b.date
        ? 1
        : a.date > b.date
          ? -1
          : a.kind === b.kind
            ? b.id - a.id
            : KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    );

    const counts = [
      interpolate(
        ngettext(
          '%(n)s event in the %(days)s days up to this date',
          '%(n)s events in the %(days)s days up to this date',
          events.length,
        ),
        {n: formatNumber(events.length), days: formatNumber(windowDays)},
      ),
      interpolate(
        ngettext('%(n)s control change up to this date', '%(n)s control changes up to this date', changesTotal),
        {n: formatNumber(changesTotal)},
      ),
      interpolate(
        ngettext('%(n)s territory change in the window', '%(n)s territory changes in the window', territory.length),
        {n: formatNumber(territory.length)},
      ),
    ];
    this._summary.textContent = interpolate(gettext('%(date)s: %(counts)s.'), {
      date: longDay(day),
      counts: counts.join(', '),
    });

    this._buttons = new Map();
    const blocks = [];
    let currentDate = null;
    let list = null;
    for (const entry of entries) {
      if (entry.date !== currentDate) {
        currentDate = entry.date;
        list = el('ul', {class: 'cm-timeline-items'});
        blocks.push(el('h3', {class: 'cm-timeline-date', text: longDate(entry.date)}), list);
      }
      if (entry.kind === 'change') list.append(this._changeItem(entry.change, placeNames));
      else if (entry.kind === 'territory') list.append(this._territoryItem(entry.feature));
      else list.append(this._eventItem(entry.item));
    }
    if (!entries.length)
      blocks.push(el('p', {class: 'cm-muted', text: gettext('Nothing recorded up to this date with these filters.')}));
    if (events.length > shownEvents.length) {
      blocks.push(
        el('p', {
          class: 'cm-muted',
          text: interpolate(
            gettext(
              'Showing the %(shown)s newest of %(n)s events; narrow the filters or the window to see the others.',
            ),
            {shown: formatNumber(limit), n: formatNumber(events.length)},
          ),
        }),
      );
    }
    if (changesTotal > changes.length) {
      blocks.push(
        el('p', {
          class: 'cm-muted',
          text: interpolate(gettext('Showing the %(shown)s newest of %(n)s control changes.'), {
            shown: formatNumber(changes.length),
            n: formatNumber(changesTotal),
          }),
        }),
      );
    }
    this._list.replaceChildren(...blocks);
    if (this._selected) this.highlight(this._selected.kind, this._selected.id, {scroll: false});
  }

  _changeItem(change, placeNames) {
    const name = placeNames?.get(change.place.slug) || change.place.label;
    const button = el(
      'button',
      {
        type: 'button',
        class: 'cm-item cm-item--change',
        dataset: {kind: 'change', id: change.id, place: change.place.slug},
      },
      el('span', {class: 'cm-item-kind', text: gettext('Control')}),
      el('span', {
        class: 'cm-item-title',
        text: interpolate(gettext('%(place)s: held by %(party)s'), {place: name, party: change.party.short_name}),
      }),
      el('span', {
        class: 'cm-item-detail',
        // A disputed change names both sides: who asserts it and who denies it.
        text: `${statusWord(change.status)}, ${
          change.claims?.some((c) => c.stance === 'denies') ? sidesText(change.claims) : attribution(change.claims)
        }`,
      }),
    );
    this._buttons.set(`change:${change.id}`, button);
    // The link sits beside the button, not in it: a button may not contain a link.
    return el('li', {}, button, correctedNote(change.corrected_at, this.options.correctionsUrl));
  }

  _territoryItem(feature) {
    const p = feature.properties;
    const change = changeParts(feature);
    const delta = change?.previous
      ? interpolate(gettext('%(gained)s gained, %(lost)s lost; now %(area)s'), {
          gained: formatKm2(change.gained),
          lost: formatKm2(change.lost),
          area: formatKm2(p.area_km2),
        })
      : formatKm2(p.area_km2);
    const button = el(
      'button',
      {type: 'button', class: 'cm-item cm-item--territory', dataset: {kind: 'territory', id: feature.id}},
      el('span', {class: 'cm-item-kind', text: gettext('Territory')}),
      // An editor's series name is data (cm-data), the fallback our own text.
      el('span', {
        class: p.series_name ? 'cm-item-title cm-data' : 'cm-item-title',
        text: p.series_name || whose(feature),
      }),
      el('span', {class: 'cm-item-detail', text: `${whose(feature)}: ${delta}`}),
      el('span', {
        class: 'cm-item-detail',
        text: `${verificationWord(p.status)}, ${attribution(p.claims)}`,
      }),
    );
    this._buttons.set(`territory:${feature.id}`, button);
    return el('li', {}, button);
  }

  _eventItem(item) {
    const p = item.feature.properties;
    const where = p.place ? ` — ${p.place.label}` : '';
    const button = el(
      'button',
      {type: 'button', class: 'cm-item cm-item--event', dataset: {kind: 'event', id: item.id}},
      el('span', {class: 'cm-item-kind', text: this.options.eventTypeLabels[p.event_type] || p.event_type}),
      el('span', {class: 'cm-item-title', text: `${eventTitle(p)}${where}`}),
      el('span', {class: 'cm-item-detail cm-description cm-data', text: p.description || ''}),
      el('span', {
        class: 'cm-item-detail',
        text: interpolate(gettext('Status: %(status)s; %(attribution)s'), {
          status: verificationWord(p.verification),
          attribution: attribution(p.claims),
        }),
      }),
    );
    this._buttons.set(`event:${item.id}`, button);
    return el('li', {}, button, correctedNote(p.corrected_at, this.options.correctionsUrl));
  }

  highlight(kind, id, {scroll = true} = {}) {
    for (const button of this._list.querySelectorAll('[aria-current]')) button.removeAttribute('aria-current');
    this._selected = kind ? {kind, id} : null;
    if (!kind) return;
    const button = this._buttons.get(`${kind}:${id}`);
    if (!button) return;
    button.setAttribute('aria-current', 'true');
    if (scroll) button.scrollIntoView({block: 'nearest'});
  }
}

// title: null is "Timeline" in the reader's language. eventTypeLabels: {value: label} (the map
// configuration's, translated by the server).
withDefaults(TimelinePanel, {title: null, maxItems: 300, correctionsUrl: null, eventTypeLabels: {}});
