// Popup content for a territory area, built as DOM (a rendering module): whose, since when, according
// to whom (claims, denials, sources), its area in km² and the change since the previous version.

import {formatList, gettext, interpolate} from '../i18n/i18n.js';
import {longDate} from './dates.js';
import {el} from './dom.js';
import {claimsSection} from './popups.js';
import {changeParts, formatKm, formatKm2, frontLineTitle, partyName, whose} from './territory.js';

const PRECISION = {1: '', 2: ' (within a week)', 3: ' (within a month)'};
const STATUS = {
  unsourced: 'No claims recorded yet',
  claimed: 'Claimed, not independently confirmed',
  denied: 'Denied',
  disputed: 'Disputed: asserted and denied',
  confirmed: 'Confirmed by our editors',
};

// The front line: between whom, how long, and that it is where their recorded held areas meet.
function frontLinePopup(feature, dayLabel) {
  const p = feature.properties;
  const root = el('div', {class: 'cm-popup cm-popup--territory', dataset: {territory: String(feature.id)}});
  const parties = formatList((p.parties || []).map(partyName));
  root.append(
    el('h3', {text: frontLineTitle(feature)}),
    el('p', {
      text: interpolate(gettext('On %(day)s, the areas recorded as held by %(parties)s meet along %(length)s.'), {
        day: dayLabel,
        parties,
        length: formatKm(p.length_km),
      }),
    }),
    el('p', {
      class: 'cm-muted',
      text: gettext('An approximation drawn from the areas; open each area for who claims it.'),
    }),
  );
  return root;
}

export function territoryPopup(feature, {dayLabel = ''} = {}) {
  const p = feature.properties;
  if (p.kind === 'front_line') return frontLinePopup(feature, dayLabel);
  const root = el('div', {class: 'cm-popup cm-popup--territory', dataset: {territory: String(feature.id)}});
  root.append(el('h3', {text: p.series_name || whose(feature)}));
  root.append(el('p', {class: 'cm-territory-whose'}, el('strong', {text: whose(feature)})));
  if (p.kind === 'overlap') {
    root.append(
      el('p', {
        text: `On ${dayLabel}, the areas recorded as held by these parties overlap over ${formatKm2(p.area_km2)}.`,
      }),
      el('p', {class: 'cm-muted', text: 'Open each party’s area for who claims it.'}),
    );
    return root;
  }
  root.append(
    el(
      'p',
      {class: 'cm-meta'},
      `Since ${longDate(p.valid_from)}${PRECISION[p.date_precision] || ''}`,
      dayLabel ? ` (as on ${dayLabel})` : '',
      ` · ${formatKm2(p.area_km2)}`,
    ),
  );
  const change = changeParts(feature);
  if (change) {
    root.append(
      el(
        'p',
        {class: 'cm-territory-change'},
        change.previous
          ? `Since the previous version (${longDate(change.previous)}): ${formatKm2(change.gained)} gained, ${formatKm2(change.lost)} lost.`
          : 'The first version of this area.',
      ),
    );
  }
  if (p.status) {
    root.append(
      el(
        'p',
        {class: `cm-verification cm-verification--${p.status}`},
        el('strong', {text: 'Status: '}),
        STATUS[p.status] || p.status,
      ),
    );
  }
  if (p.geometry_note) root.append(el('p', {class: 'cm-muted cm-territory-note', text: p.geometry_note}));
  root.append(claimsSection(p.claims, {emptyText: 'No attributed claim recorded for this area.'}));
  return root;
}
