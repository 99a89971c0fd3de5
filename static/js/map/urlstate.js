// The view <-> query string. Pure: takes and returns strings and plain objects.
//   ?date=2020-10-03&lat=40.1&lng=46.8&zoom=9&window=7&types=Battles&parties=azerbaijan&status=claimed&lang=hy
// `lang` is the interface language: the server reads it (conflictmap/locale.py), so a shared link
// opens in the language it was shared in.
// Anything missing or malformed falls back to the default, so a mangled link still opens a map.

import {clampDay, formatDay, parseDay} from './dates.js';

export const DEFAULT_LANGUAGE = 'en'; // settings.LANGUAGE_CODE
// A list filter with every box unticked (FilterControl): show none of it.
export const NONE = 'none';
const LIST_KEYS = {types: 'types', parties: 'parties', statuses: 'status'};

function parseList(value, allowed) {
  if (!value) return [];
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return allowed ? items.filter((item) => allowed.includes(item)) : items;
}

function parseNumber(value, min, max) {
  if (value === null || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= min && number <= max ? number : null;
}

// `limits`: {minDay, maxDay, maxWindow, types, parties, statuses, languages} (allowed values).
export function parseQuery(search, defaults, limits) {
  const params = new URLSearchParams(search);
  const state = {...defaults, filters: {...defaults.filters}};
  const day = parseDay(params.get('date'));
  if (day !== null) state.day = clampDay(day, limits.minDay, limits.maxDay);
  const lat = parseNumber(params.get('lat'), -90, 90);
  const lng = parseNumber(params.get('lng'), -180, 180);
  if (lat !== null && lng !== null) state.center = [lat, lng];
  const zoom = parseNumber(params.get('zoom'), 0, 22);
  if (zoom !== null) state.zoom = Math.round(zoom);
  const windowDays = parseNumber(params.get('window'), 1, limits.maxWindow);
  if (windowDays !== null) state.windowDays = Math.round(windowDays);
  for (const [key, param] of Object.entries(LIST_KEYS)) {
    if (params.has(param)) state.filters[key] = parseList(params.get(param), limits[key]);
  }
  const lang = params.get('lang');
  if (lang && limits.languages?.includes(lang)) state.lang = lang;
  return state;
}

export function toQuery(state, defaults) {
  const params = new URLSearchParams();
  params.set('date', formatDay(state.day));
  if (state.center) {
    params.set('lat', state.center[0].toFixed(4));
    params.set('lng', state.center[1].toFixed(4));
  }
  if (state.zoom !== null && state.zoom !== undefined) params.set('zoom', String(state.zoom));
  if (state.windowDays !== defaults.windowDays) params.set('window', String(state.windowDays));
  for (const [key, param] of Object.entries(LIST_KEYS)) {
    const list = state.filters[key];
    if (list?.length) params.set(param, list.join(','));
  }
  // The default language (English) is left out, as the other defaults are.
  if (state.lang && state.lang !== (defaults.lang ?? DEFAULT_LANGUAGE)) params.set('lang', state.lang);
  return `?${params.toString().replace(/%2C/g, ',')}`;
}
