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
import {correctedNote} from './popups.js';
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
    this._items = this._list; // the date headings and their items
    this._more = el('button', {type: 'button', class: 'cm-timeline-more', hidden: true});
    this._notes = el('div', {class: 'cm-timeline-notes'});
    this._entries = [];
    this._rendered = 0;
    this._root.append(this._heading, this._summary, this._error, this._list, this._more, this._notes);
    container.append(this._root);
    L.DomEvent.on(this._list, 'click', this._onClick, this);
    L.DomEvent.on(this._more, 'click', this._onMore, this);
    // The next batch when the button comes into view (scrolling the panel); a click does the same.
    if (typeof IntersectionObserver === 'function') {
      this._observer = new IntersectionObserver((seen) => {
        if (seen.some((e) => e.isIntersecting)) this._onMore();
      });
      this._observer.observe(this._more);
    }
  }

  onRemove() {
    L.DomEvent.off(this._list, 'click', this._onClick, this);
    L.DomEvent.off(this._more, 'click', this._onMore, this);
    this._observer?.disconnect();
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
      ...shownEvents.map((item) => ({kind: 'event', date: item.event.date, id: item.id, item})),
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

    // Only the first entries are built now (one slider step must fit in a frame, and with 20,000
    // events in the window the list's 300 newest change on every step): the rest come in batches as
    // the "show more" button at the end scrolls into view, is clicked, or an item there is highlighted.
    this._entries = entries;
    this._placeNames = placeNames;
    this._rendered = 0;
    this._currentDate = null;
    this._currentList = null;
    this._buttons = new Map();
    this._items.replaceChildren();
    const notes = [];
    if (!entries.length)
      notes.push(el('p', {class: 'cm-muted', text: gettext('Nothing recorded up to this date with these filters.')}));
    if (events.length > shownEvents.length) {
      notes.push(
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
      notes.push(
        el('p', {
          class: 'cm-muted',
          text: interpolate(gettext('Showing the %(shown)s newest of %(n)s control changes.'), {
            shown: formatNumber(changes.length),
            n: formatNumber(changesTotal),
          }),
        }),
      );
    }
    this._notes.replaceChildren(...notes);
    this._renderMore(this.options.batchSize);
    if (this._selected) this.highlight(this._selected.kind, this._selected.id, {scroll: false});
  }

  // Appends the next `count` entries (and their date headings) to the list.
  _renderMore(count) {
    const end = Math.min(this._entries.length, this._rendered + count);
    const added = [];
    for (let i = this._rendered; i < end; i += 1) {
      const entry = this._entries[i];
      if (entry.date !== this._currentDate) {
        this._currentDate = entry.date;
        this._currentList = el('ul', {class: 'cm-timeline-items'});
        added.push(el('h3', {class: 'cm-timeline-date', text: longDate(entry.date)}), this._currentList);
      }
      if (entry.kind === 'change') this._currentList.append(this._changeItem(entry.change, this._placeNames));
      else if (entry.kind === 'territory') this._currentList.append(this._territoryItem(entry.feature));
      else this._currentList.append(this._eventItem(entry.item));
    }
    this._rendered = end;
    this._items.append(...added);
    const left = this._entries.length - this._rendered;
    this._more.hidden = left <= 0;
    if (left > 0) {
      this._more.textContent = interpolate(ngettext('Show %(count)s more item', 'Show %(count)s more items', left), {
        count: formatNumber(left),
      });
    }
  }

  _onMore() {
    if (this._rendered < this._entries.length) this._renderMore(this.options.batchSize);
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

  // item.event: the map's record (eventRecords.js), not the full record: the description and the
  // claims are in the popup the button opens (fetched then), so the list stays light at 20,000 events.
  _eventItem(item) {
    // `item.event`: the map's record of the event (eventRecords.js); its claims are in its popup.
    const e = item.event;
    const types = this.options.eventTypeLabels;
    const title = (e.subType && (this.options.subTypeLabels[e.subType] || e.subType)) || types[e.type] || e.type;
    const button = el(
      'button',
      {type: 'button', class: 'cm-item cm-item--event', dataset: {kind: 'event', id: item.id}},
      el('span', {class: 'cm-item-kind', text: types[e.type] || e.type}),
      el('span', {
        class: 'cm-item-title',
        text: e.label ? interpolate(gettext('%(title)s — %(place)s'), {title, place: e.label}) : title,
      }),
      el('span', {
        class: 'cm-item-detail',
        text: interpolate(gettext('Status: %(status)s'), {status: verificationWord(e.status)}),
      }),
    );
    this._buttons.set(`event:${item.id}`, button);
    return el('li', {}, button, correctedNote(e.correctedAt, this.options.correctionsUrl));
  }

  highlight(kind, id, {scroll = true} = {}) {
    for (const button of this._list.querySelectorAll('[aria-current]')) button.removeAttribute('aria-current');
    this._selected = kind ? {kind, id} : null;
    if (!kind) return;
    // An item not built yet (further down the list): build the list up to it.
    const index = this._buttons.has(`${kind}:${id}`)
      ? -1
      : this._entries.findIndex((entry) => entry.kind === kind && entry.id === id);
    if (index >= this._rendered) this._renderMore(index - this._rendered + 1);
    const button = this._buttons.get(`${kind}:${id}`);
    if (!button) return;
    button.setAttribute('aria-current', 'true');
    if (scroll) button.scrollIntoView({block: 'nearest'});
  }
}

// title: null is "Timeline" in the reader's language. eventTypeLabels: {value: label} (the map
// configuration's, translated by the server).
withDefaults(TimelinePanel, {
  title: null,
  maxItems: 300,
  batchSize: 50,
  correctionsUrl: null,
  eventTypeLabels: {},
  subTypeLabels: {},
});
