// Territory at a date (/api/territory/): what to draw and how, as pure data. No DOM, no fetch: the
// TerritoryLayer draws from these, the legend explains the same fills, the timeline lists the changes.
import {formatList, formatNumber, gettext, interpolate, pgettext} from '../i18n/i18n.js';
import {parseDay} from './dates.js';

export const NEUTRAL_COLOR = '#5f6b73'; // contested areas and overlaps belong to no party
export const FILL_OPACITY = 0.22; // light: places and events stay readable on top
// The front line: dark and thicker than the areas' edges, so it reads above the fills whatever the parties' colours.
export const FRONT_LINE_COLOR = '#1d1d1f';
export const FRONT_LINE_WEIGHT = 3;

// How a feature is filled: a party's light colour for held areas, the party's hatching for claimed
// advances (no fill under it: the area is still drawn as whoever holds it), a neutral cross-hatch for
// contested areas and overlaps. `pattern` names the SVG pattern the layer defines for it.
export function territoryStyle(feature) {
  const p = feature.properties;
  if (p.kind === 'front_line') {
    return {kind: 'front_line', color: FRONT_LINE_COLOR, fill: 'none', pattern: null, dash: null};
  }
  const color = p.party?.color || NEUTRAL_COLOR;
  if (p.kind === 'held') return {kind: 'held', color, fill: 'solid', pattern: null, dash: null};
  if (p.kind === 'claimed_advance') {
    return {kind: 'claimed_advance', color, fill: 'hatch', pattern: hatchPattern(color), dash: '6 4'};
  }
  return {kind: p.kind, color: NEUTRAL_COLOR, fill: 'cross', pattern: 'cross', dash: '2 3'};
}

// The name of the hatching in a colour: one pattern per colour, a valid id whatever the colour's syntax.
export function hatchPattern(color) {
  const key = String(color)
    .replace(/[^0-9a-z]/gi, '')
    .toLowerCase();
  return `hatch-${key}`;
}

// The features worth drawing, held areas first (claimed advances and contested areas go on top, the front
// line above every fill).
export function drawable(features) {
  const order = {held: 0, claimed_advance: 1, contested: 2, overlap: 3, front_line: 4};
  return features
    .filter((f) => f.geometry)
    .sort(
      (a, b) =>
        (order[a.properties.kind] ?? 9) - (order[b.properties.kind] ?? 9) || String(a.id).localeCompare(String(b.id)),
    );
}

// What identifies a drawing: the versions shown and their simplification. Two days with the same
// versions in force have the same key, so the layer keeps what it drew (nothing flickers).
export function territoryKey(collection) {
  const ids = drawable(collection.features || []).map((f) => f.id);
  return `${collection.simplify ?? 'full'}|${ids.join(',')}`;
}

// What identifies one drawn area: a version's id and the simplification (a version's geometry never
// changes under its id). An overlap or a front line follows every held version in force, so it is keyed
// by the whole drawing's key too.
export function featureKey(feature, simplify, drawingKey) {
  const kind = feature.properties.kind;
  if (kind === 'overlap' || kind === 'front_line') return `${feature.id}@${drawingKey}`;
  return `${feature.id}|${simplify ?? 'full'}`;
}

// Colours of every claimed advance, so the layer defines one hatching per party colour.
export function hatchColors(features) {
  return [
    ...new Set(features.filter((f) => f.properties.kind === 'claimed_advance').map((f) => territoryStyle(f).color)),
  ];
}

export function partyName(party) {
  return party ? party.short_name || party.name : gettext('no party');
}

// "Held by Azerbaijan", "Claimed advance of Azerbaijan", "Contested between A and B".
export function whose(feature) {
  const p = feature.properties;
  if (p.kind === 'overlap') {
    return interpolate(gettext('Contested: held by both %(parties)s'), {
      parties: formatList((p.parties || []).map(partyName)),
    });
  }
  if (p.kind === 'contested') return gettext('Contested / grey zone (no party holds it)');
  if (p.kind === 'claimed_advance') {
    return interpolate(gettext('Claimed advance of %(party)s (not counted as held)'), {party: partyName(p.party)});
  }
  return interpolate(gettext('Held by %(party)s'), {party: partyName(p.party)});
}

// "Front line between Azerbaijan and NK authorities".
export function frontLineTitle(feature) {
  const names = (feature.properties.parties || []).map(partyName);
  return interpolate(gettext('Front line between %(parties)s'), {parties: formatList(names)});
}

// "160 km", in the reader's language.
export function formatKm(km) {
  return interpolate(gettext('%(length)s km'), {length: formatNumber(Math.round(Number(km)))});
}

export function formatKm2(km2) {
  if (km2 === null || km2 === undefined) return pgettext('area', 'unknown');
  const value = Number(km2);
  const digits = value > 0 && value < 100 ? 1 : 0; // small changes keep a decimal; 0 is "0 km²"
  const n = formatNumber(value, {minimumFractionDigits: digits, maximumFractionDigits: digits});
  return interpolate(gettext('%(n)s km²'), {n});
}

// "+575.8 km² gained, 0 km² lost since the version of 25 October 2020" parts, or null without a change.
export function changeParts(feature) {
  const change = feature.properties.change;
  if (!change) return null;
  return {
    previous: change.previous_valid_from || null,
    gained: change.gained_km2 ?? 0,
    lost: change.lost_km2 ?? 0,
  };
}

// Territory versions that took effect within [startDay, endDay], newest first: the timeline's entries.
export function changesInWindow(features, startDay, endDay) {
  return features
    .filter((f) => f.properties.kind !== 'overlap' && f.properties.kind !== 'front_line' && f.properties.valid_from)
    .map((f) => ({feature: f, day: parseDay(f.properties.valid_from)}))
    .filter((e) => e.day !== null && e.day >= startDay && e.day <= endDay)
    .sort((a, b) => b.day - a.day || Number(b.feature.id) - Number(a.feature.id))
    .map((e) => e.feature);
}
