// Popup contents for places and events, built as DOM. A rendering module.
// Every statement is attributed: "according to X, reported by OUTLET on DATE".
import {longDate} from './dates.js';
import {el, safeLink} from './dom.js';

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
  return (
    `Controlled by ${control.party.short_name || control.party.name} since ${since}: ` +
    `${CONTROL_STATUS[control.status] || control.status}.`
  );
}

export function placePopup(feature, {dayLabel, correctionsUrl = null}) {
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
  return root;
}

export function eventTitle(p) {
  return p.sub_event_type || p.event_type;
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
