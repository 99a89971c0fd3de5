// Popup contents for places and events, built as DOM. A rendering module.
// Every statement is attributed: "according to X, reported by OUTLET on DATE".
import {gettext, interpolate} from '../i18n/i18n.js';
import {longDate} from './dates.js';
import {el, safeLink} from './dom.js';
import {periods, sidesText} from './history.js';

const FIGURE_LABELS = {
  killed_civilians: 'civilians killed',
  killed_combatants: 'combatants killed',
  wounded_civilians: 'civilians wounded',
  wounded_combatants: 'combatants wounded',
};
const QUALIFIERS = {exact: '', about: 'about ', at_least: 'at least ', at_most: 'at most '};
const PRECISION = {1: '', 2: ' (within a week)', 3: ' (within a month)'};
const VERIFICATION = {
  unsourced: 'No claims recorded yet',
  claimed: 'Claimed, not independently confirmed',
  denied: 'Denied',
  disputed: 'Disputed: asserted and denied',
  confirmed: 'Confirmed by our editors',
};
const CONTROL_STATUS = {
  unsourced: 'no claim on record',
  claimed: 'claimed, not confirmed',
  denied: 'denied',
  confirmed: 'confirmed',
  disputed: 'disputed: asserted and denied',
};

function figuresText(claim) {
  const figures = claim.figures || {};
  const parts = Object.entries(figures).map(
    ([key, value]) =>
      `${QUALIFIERS[claim.figure_qualifier] || ''}${Number(value).toLocaleString('en')} ${FIGURE_LABELS[key] || key}`,
  );
  if (!parts.length) return null;
  const whose = claim.casualties_of ? ` (${claim.casualties_of.short_name} casualties)` : '';
  return `${parts.join(', ')}${whose}`;
}

function claimItem(claim) {
  const source = claim.source || {};
  const reported = [
    'reported by ',
    source.url ? safeLink(source.url, source.outlet || source.url) : source.outlet || 'unknown outlet',
    source.published_on ? ` on ${longDate(source.published_on)}` : '',
  ];
  const figures = figuresText(claim);
  return el(
    'li',
    {class: `cm-claim cm-claim--${claim.stance}`},
    el('span', {class: 'cm-claimant', text: claim.claimant || 'Unnamed claimant'}),
    claim.claimed_on ? ` (${longDate(claim.claimed_on)})` : '',
    ': ',
    el('q', {text: claim.summary || ''}),
    ' — ',
    reported,
    figures ? el('div', {class: 'cm-figures'}, el('strong', {text: 'Figures claimed: '}), figures) : null,
  );
}

// "Corrected on DATE", linking to the conflict's public corrections log (null if never corrected).
// corrected_at is a UTC timestamp; the day shown is its UTC day, as on the corrections page.
export function correctedNote(correctedAt, correctionsUrl, {tag = 'p'} = {}) {
  if (!correctedAt) return null;
  const text = `Corrected on ${longDate(String(correctedAt).slice(0, 10))}`;
  return el(
    tag,
    {class: 'cm-corrected'},
    correctionsUrl ? el('a', {href: correctionsUrl, target: '_blank', rel: 'noopener', text}) : text,
  );
}

export function claimsSection(claims, {emptyText = 'No attributed claim recorded.'} = {}) {
  const section = el('div', {class: 'cm-claims'});
  const asserts = (claims || []).filter((c) => c.stance !== 'denies');
  const denies = (claims || []).filter((c) => c.stance === 'denies');
  if (!asserts.length && !denies.length) {
    section.append(el('p', {class: 'cm-muted', text: emptyText}));
    return section;
  }
  if (asserts.length) {
    section.append(el('h4', {text: `Asserted by (${asserts.length})`}), el('ul', {}, asserts.map(claimItem)));
  }
  if (denies.length) {
    section.append(el('h4', {text: `Denied by (${denies.length})`}), el('ul', {}, denies.map(claimItem)));
  }
  return section;
}

export function controlSentence(control) {
  if (!control) return 'No control recorded at this date.';
  const since = `${longDate(control.since)}${PRECISION[control.date_precision] || ''}`;
  // A disputed change names both sides: who asserts it and who denies it.
  const who = control.claims?.some((c) => c.stance === 'denies') ? sidesText(control.claims) : '';
  return (
    `Controlled by ${control.party.short_name || control.party.name} since ${since}: ` +
    `${CONTROL_STATUS[control.status] || control.status}${who ? ` (${who})` : ''}.`
  );
}

function periodItem(period) {
  const precision = PRECISION[period.change.date_precision] || '';
  const span = period.to
    ? `from ${longDate(period.from)}${precision} to ${longDate(period.to)}`
    : `from ${longDate(period.from)}${precision}`;
  const who = sidesText(period.claims);
  return el(
    'li',
    {class: 'cm-history-item', dataset: {change: period.change.id, status: period.status}},
    el('strong', {text: period.party.short_name || period.party.name}),
    ` ${span}: ${CONTROL_STATUS[period.status] || period.status}${who ? `, ${who}` : ''}.`,
    period.claims.length ? claimsSection(period.claims) : null,
  );
}

// The whole control history up to the day shown: `history` is null while it loads, else the
// place's control changes (the API's items).
export function historySection(history, day) {
  const section = el('section', {class: 'cm-history'}, el('h4', {text: 'Control history up to this date'}));
  if (history === null) {
    section.append(el('p', {class: 'cm-muted', text: 'Loading the history…'}));
    return section;
  }
  if (history instanceof Error) {
    section.append(el('p', {class: 'cm-error', text: `The history could not be loaded: ${history.message}`}));
    return section;
  }
  const rows = periods(history, day);
  if (!rows.length) section.append(el('p', {class: 'cm-muted', text: 'No control recorded up to this date.'}));
  else section.append(el('ol', {class: 'cm-history-list'}, rows.map(periodItem)));
  return section;
}

export function placePopup(feature, {dayLabel, correctionsUrl = null, history, day = null}) {
  const p = feature.properties;
  const root = el('div', {class: 'cm-popup cm-popup--place', dataset: {place: p.slug}});
  root.append(el('h3', {text: p.display_name || p.name}));
  const alternates = p.alternate_names || [];
  if (alternates.length) {
    root.append(
      el('p', {class: 'cm-names-title', text: 'Also known as:'}),
      el(
        'ul',
        {class: 'cm-names'},
        alternates.map((alt) =>
          el(
            'li',
            {},
            el('span', {lang: alt.language || null, text: alt.name}),
            ` (${[alt.language, alt.used_by ? `used by ${alt.used_by}` : ''].filter(Boolean).join(', ')})`,
          ),
        ),
      ),
    );
  }
  root.append(el('p', {class: 'cm-control'}, el('strong', {text: `On ${dayLabel}: `}), controlSentence(p.control)));
  if (p.control) {
    root.append(...[correctedNote(p.control.corrected_at, correctionsUrl)].filter(Boolean));
    root.append(claimsSection(p.control.claims, {emptyText: 'No attributed claim recorded for this control change.'}));
  }
  if (history !== undefined && day !== null) root.append(historySection(history, day));
  return root;
}

export function eventTitle(p) {
  return p.sub_event_type || p.event_type;
}

// What an event's popup shows while its full record loads (or if it could not be loaded), from the
// map's record (eventRecords.js). No cm-popup--event class: that marks the full record's content.
export function eventLoadingPopup(record, {error = null} = {}) {
  const root = el('div', {
    class: 'cm-popup cm-popup--loading',
    dataset: {event: record.id},
    'aria-busy': error ? null : 'true',
  });
  root.append(el('h3', {text: record.subType || record.type}));
  root.append(el('p', {class: 'cm-meta'}, longDate(record.date), record.label ? ` · ${record.label}` : ''));
  root.append(
    error
      ? el('p', {
          class: 'cm-error',
          role: 'alert',
          text: interpolate(gettext('The event could not be loaded: %(message)s'), {message: error.message}),
        })
      : el('p', {class: 'cm-muted', text: gettext('Loading the claims and sources…')}),
  );
  return root;
}

export function eventPopup(feature, {others = [], correctionsUrl = null} = {}) {
  const p = feature.properties;
  const root = el('div', {class: 'cm-popup cm-popup--event', dataset: {event: feature.id}});
  root.append(el('h3', {text: eventTitle(p)}));
  root.append(
    el(
      'p',
      {class: 'cm-meta'},
      longDate(p.date),
      PRECISION[p.time_precision] || '',
      p.place ? ` · ${p.place.display_name}` : '',
      p.geo_precision === 3
        ? ' · location approximate (region only)'
        : p.geo_precision === 2
          ? ' · location approximate'
          : '',
    ),
  );
  const sides = [];
  if (p.perpetrator) sides.push(`by ${p.perpetrator.short_name}`);
  if (p.target) sides.push(`against ${p.target.short_name}`);
  if (sides.length)
    root.append(
      el('p', {
        class: 'cm-meta',
        text: `Reported as carried out ${sides.join(' ')}${p.civilian_targeting ? ', targeting civilians' : ''}.`,
      }),
    );
  root.append(el('p', {text: p.description || ''}));
  root.append(
    el(
      'p',
      {class: `cm-verification cm-verification--${p.verification}`},
      el('strong', {text: 'Status: '}),
      VERIFICATION[p.verification] || p.verification || '',
    ),
  );
  root.append(...[correctedNote(p.corrected_at, correctionsUrl)].filter(Boolean));
  root.append(claimsSection(p.claims));
  if (others.length) {
    root.append(el('p', {class: 'cm-muted', text: `${others.length} more event(s) at this spot; see the timeline.`}));
  }
  return root;
}
