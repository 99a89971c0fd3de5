// Popup content for a territory area, built as DOM (a rendering module): whose, since when, according
// to whom (claims, denials, sources), its area in km² and the change since the previous version.
import {formatList, gettext, interpolate} from '../i18n/i18n.js';
import {verificationLabel, withPrecision} from '../i18n/vocabulary.js';
import {longDate} from './dates.js';
import {el} from './dom.js';
import {claimsSection} from './popups.js';
import {changeParts, formatKm, formatKm2, frontLineTitle, partyName, whose} from './territory.js';

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
  root.append(el('h3', {class: p.series_name ? 'cm-data' : null, text: p.series_name || whose(feature)}));
  root.append(el('p', {class: 'cm-territory-whose'}, el('strong', {text: whose(feature)})));
  if (p.kind === 'overlap') {
    root.append(
      el('p', {
        text: interpolate(gettext('On %(date)s, the areas recorded as held by these parties overlap over %(area)s.'), {
          date: dayLabel,
          area: formatKm2(p.area_km2),
        }),
      }),
      el('p', {class: 'cm-muted', text: gettext('Open each party’s area for who claims it.')}),
    );
    return root;
  }
  const since = withPrecision(longDate(p.valid_from), p.date_precision);
  root.append(
    el(
      'p',
      {class: 'cm-meta'},
      dayLabel
        ? interpolate(gettext('Since %(since)s (as on %(date)s)'), {since, date: dayLabel})
        : interpolate(gettext('Since %(since)s'), {since}),
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
          ? interpolate(gettext('Since the previous version (%(date)s): %(gained)s gained, %(lost)s lost.'), {
              date: longDate(change.previous),
              gained: formatKm2(change.gained),
              lost: formatKm2(change.lost),
            })
          : gettext('The first version of this area.'),
      ),
    );
  }
  if (p.status) {
    root.append(
      el(
        'p',
        {class: `cm-verification cm-verification--${p.status}`},
        el('strong', {text: gettext('Status:')}),
        ' ',
        verificationLabel(p.status),
      ),
    );
  }
  if (p.geometry_note) root.append(el('p', {class: 'cm-muted cm-territory-note cm-data', text: p.geometry_note}));
  root.append(claimsSection(p.claims, {emptyText: gettext('No attributed claim recorded for this area.')}));
  return root;
}
