// Popup contents for places and events, built as DOM. A rendering module.
// Every statement is attributed: "according to X, reported by OUTLET on DATE".
import {formatNumber, gettext, interpolate, ngettext} from '../i18n/i18n.js';
import {controlStatusText, verificationLabel, withPrecision} from '../i18n/vocabulary.js';
import {longDate} from './dates.js';
import {el, safeLink} from './dom.js';
import {periods, sidesText} from './history.js';

// A qualified casualty figure: the count chooses the plural form, the qualifier goes with the number.
function figureText(key, value, qualifier) {
  const count = Number(value);
  let n = formatNumber(count);
  if (qualifier === 'about') n = interpolate(gettext('about %(n)s'), {n});
  else if (qualifier === 'at_least') n = interpolate(gettext('at least %(n)s'), {n});
  else if (qualifier === 'at_most') n = interpolate(gettext('at most %(n)s'), {n});
  let text;
  if (key === 'killed_civilians') text = ngettext('%(n)s civilian killed', '%(n)s civilians killed', count);
  else if (key === 'killed_combatants') text = ngettext('%(n)s combatant killed', '%(n)s combatants killed', count);
  else if (key === 'wounded_civilians') text = ngettext('%(n)s civilian wounded', '%(n)s civilians wounded', count);
  else if (key === 'wounded_combatants') text = ngettext('%(n)s combatant wounded', '%(n)s combatants wounded', count);
  else text = `%(n)s ${key}`;
  return interpolate(text, {n});
}

function figuresText(claim) {
  const figures = claim.figures || {};
  const parts = Object.entries(figures).map(([key, value]) => figureText(key, value, claim.figure_qualifier));
  if (!parts.length) return null;
  const list = parts.join(', ');
  if (!claim.casualties_of) return list;
  return interpolate(gettext('%(figures)s (%(party)s casualties)'), {
    figures: list,
    party: claim.casualties_of.short_name,
  });
}

function claimItem(claim) {
  const source = claim.source || {};
  const outlet = source.url
    ? safeLink(source.url, source.outlet || source.url)
    : document.createTextNode(source.outlet || gettext('unknown outlet'));
  // The outlet may be a link: the sentence is split around its placeholder.
  const template = source.published_on
    ? gettext('reported by %(outlet)s on %(date)s')
    : gettext('reported by %(outlet)s');
  const [before, after = ''] = template.split('%(outlet)s');
  const date = source.published_on ? longDate(source.published_on) : '';
  const reported = [interpolate(before, {date}), outlet, interpolate(after, {date})];
  const figures = figuresText(claim);
  return el(
    'li',
    {class: `cm-claim cm-claim--${claim.stance}`},
    el('span', {class: 'cm-claimant', text: claim.claimant || gettext('Unnamed claimant')}),
    claim.claimed_on ? ` (${longDate(claim.claimed_on)})` : '',
    ': ',
    el('q', {text: claim.summary || ''}),
    ' — ',
    reported,
    figures ? el('div', {class: 'cm-figures'}, el('strong', {text: gettext('Figures claimed:')}), ' ', figures) : null,
  );
}

// "Corrected on DATE", linking to the conflict's public corrections log (null if never corrected).
// corrected_at is a UTC timestamp; the day shown is its UTC day, as on the corrections page.
export function correctedNote(correctedAt, correctionsUrl, {tag = 'p'} = {}) {
  if (!correctedAt) return null;
  const text = interpolate(gettext('Corrected on %(date)s'), {date: longDate(String(correctedAt).slice(0, 10))});
  return el(
    tag,
    {class: 'cm-corrected'},
    correctionsUrl ? el('a', {href: correctionsUrl, target: '_blank', rel: 'noopener', text}) : text,
  );
}

export function claimsSection(claims, {emptyText = null} = {}) {
  const section = el('div', {class: 'cm-claims'});
  const asserts = (claims || []).filter((c) => c.stance !== 'denies');
  const denies = (claims || []).filter((c) => c.stance === 'denies');
  if (!asserts.length && !denies.length) {
    section.append(el('p', {class: 'cm-muted', text: emptyText ?? gettext('No attributed claim recorded.')}));
    return section;
  }
  if (asserts.length) {
    const heading = interpolate(gettext('Asserted by (%(n)s)'), {n: formatNumber(asserts.length)});
    section.append(el('h4', {text: heading}), el('ul', {}, asserts.map(claimItem)));
  }
  if (denies.length) {
    const heading = interpolate(gettext('Denied by (%(n)s)'), {n: formatNumber(denies.length)});
    section.append(el('h4', {text: heading}), el('ul', {}, denies.map(claimItem)));
  }
  return section;
}

export function controlSentence(control) {
  if (!control) return gettext('No control recorded at this date.');
  const since = withPrecision(longDate(control.since), control.date_precision);
  // A disputed change names both sides: who asserts it and who denies it.
  const who = control.claims?.some((c) => c.stance === 'denies') ? sidesText(control.claims) : '';
  const values = {
    party: control.party.short_name || control.party.name,
    since,
    status: controlStatusText(control.status),
    sides: who,
  };
  return who
    ? interpolate(gettext('Controlled by %(party)s since %(since)s: %(status)s (%(sides)s).'), values)
    : interpolate(gettext('Controlled by %(party)s since %(since)s: %(status)s.'), values);
}

function periodItem(period) {
  const precision = period.change.date_precision;
  const from = withPrecision(longDate(period.from), precision);
  const span = period.to
    ? interpolate(gettext('from %(from)s to %(to)s'), {from, to: longDate(period.to)})
    : interpolate(gettext('from %(from)s'), {from});
  const who = sidesText(period.claims);
  const status = controlStatusText(period.status);
  const line = who
    ? interpolate(gettext('%(span)s: %(status)s, %(sides)s.'), {span, status, sides: who})
    : interpolate(gettext('%(span)s: %(status)s.'), {span, status});
  return el(
    'li',
    {class: 'cm-history-item', dataset: {change: period.change.id, status: period.status}},
    el('strong', {text: period.party.short_name || period.party.name}),
    ` ${line}`,
    period.claims.length ? claimsSection(period.claims) : null,
  );
}

// The whole control history up to the day shown: `history` is null while it loads, else the
// place's control changes (the API's items).
export function historySection(history, day) {
  const section = el('section', {class: 'cm-history'}, el('h4', {text: gettext('Control history up to this date')}));
  if (history === null) {
    section.append(el('p', {class: 'cm-muted', text: gettext('Loading the history…')}));
    return section;
  }
  if (history instanceof Error) {
    const text = interpolate(gettext('The history could not be loaded: %(error)s'), {error: history.message});
    section.append(el('p', {class: 'cm-error', text}));
    return section;
  }
  const rows = periods(history, day);
  if (!rows.length) section.append(el('p', {class: 'cm-muted', text: gettext('No control recorded up to this date.')}));
  else section.append(el('ol', {class: 'cm-history-list'}, rows.map(periodItem)));
  return section;
}

export function placePopup(feature, {dayLabel, correctionsUrl = null, history, day = null}) {
  const p = feature.properties;
  const root = el('div', {class: 'cm-popup cm-popup--place', dataset: {place: p.slug}});
  root.append(el('h3', {text: p.label}));
  const alternates = p.alternate_names || [];
  if (alternates.length) {
    root.append(
      el('p', {class: 'cm-names-title', text: gettext('Also known as:')}),
      el(
        'ul',
        {class: 'cm-names'},
        alternates.map((alt) =>
          el(
            'li',
            {},
            el('span', {lang: alt.language || null, text: alt.name}),
            ` (${[alt.language, alt.used_by ? interpolate(gettext('used by %(who)s'), {who: alt.used_by}) : '']
              .filter(Boolean)
              .join(', ')})`,
          ),
        ),
      ),
    );
  }
  root.append(
    el(
      'p',
      {class: 'cm-control'},
      el('strong', {text: interpolate(gettext('On %(date)s:'), {date: dayLabel})}),
      ' ',
      controlSentence(p.control),
    ),
  );
  if (p.control) {
    root.append(...[correctedNote(p.control.corrected_at, correctionsUrl)].filter(Boolean));
    root.append(
      claimsSection(p.control.claims, {emptyText: gettext('No attributed claim recorded for this control change.')}),
    );
  }
  if (history !== undefined && day !== null) root.append(historySection(history, day));
  return root;
}

export function eventTitle(p) {
  return p.sub_event_type || p.event_type;
}

// "Reported as carried out by A against B, targeting civilians.": whole sentences, so each language
// orders the sides its own way.
function reportedSides(p) {
  const by = p.perpetrator?.short_name;
  const against = p.target?.short_name;
  const civilians = Boolean(p.civilian_targeting);
  if (by && against) {
    const text = civilians
      ? gettext('Reported as carried out by %(by)s against %(against)s, targeting civilians.')
      : gettext('Reported as carried out by %(by)s against %(against)s.');
    return interpolate(text, {by, against});
  }
  if (by) {
    const text = civilians
      ? gettext('Reported as carried out by %(by)s, targeting civilians.')
      : gettext('Reported as carried out by %(by)s.');
    return interpolate(text, {by});
  }
  if (against) {
    const text = civilians
      ? gettext('Reported as carried out against %(against)s, targeting civilians.')
      : gettext('Reported as carried out against %(against)s.');
    return interpolate(text, {against});
  }
  return null;
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
      withPrecision(longDate(p.date), p.time_precision),
      p.place ? ` · ${p.place.label}` : '',
      p.geo_precision === 3
        ? ` · ${gettext('location approximate (region only)')}`
        : p.geo_precision === 2
          ? ` · ${gettext('location approximate')}`
          : '',
    ),
  );
  const sidesLine = reportedSides(p);
  if (sidesLine) root.append(el('p', {class: 'cm-meta', text: sidesLine}));
  root.append(el('p', {class: 'cm-description cm-data', text: p.description || ''}));
  root.append(
    el(
      'p',
      {class: `cm-verification cm-verification--${p.verification}`},
      el('strong', {text: gettext('Status:')}),
      ' ',
      verificationLabel(p.verification),
    ),
  );
  root.append(...[correctedNote(p.corrected_at, correctionsUrl)].filter(Boolean));
  root.append(claimsSection(p.claims));
  if (others.length) {
    const text = ngettext(
      '%(n)s more event at this spot; see the timeline.',
      '%(n)s more events at this spot; see the timeline.',
      others.length,
    );
    root.append(el('p', {class: 'cm-muted', text: interpolate(text, {n: formatNumber(others.length)})}));
  }
  return root;
}
