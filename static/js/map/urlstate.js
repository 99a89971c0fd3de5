// The view <-> query string. Pure: takes and returns strings and plain objects (UrlSync, at the end,
// applies them to a page's address).
//   ?date=2020-10-03&lat=40.1&lng=46.8&zoom=9&window=7&types=Battles&parties=azerbaijan&status=claimed&lang=ru
// The rules are the embed's too (geodata/embed/forms.py): both run tests/fixtures/view_state_cases.json.
// A date clamps into the conflict's range; zoom and window round half up, then clamp into theirs; a
// malformed value falls back to the default, so a mangled link still opens a map; a centre needs both
// coordinates in range; list values are trimmed, unknown and repeated ones dropped; lang is kept when known.

import {clampDay, formatDay, parseDay} from './dates.js';

export const DEFAULT_LANGUAGE = 'en'; // settings.LANGUAGE_CODE
// A list filter with every box unticked (FilterControl): show none of it.
export const NONE = 'none';
const LIST_KEYS = {types: 'types', parties: 'parties', statuses: 'status'};
// Decimals only: Number() would also read '1e1', '0x10' and 'Infinity', which Python's reader refuses.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseList(values, allowed) {
  const items = values.flatMap((value) => value.split(',')).map((item) => item.trim());
  return [...new Set(items.filter((item) => item && (!allowed || allowed.includes(item))))];
}

function parseDecimal(value) {
  const text = (value ?? '').trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

function inRange(number, min, max) {
  return number !== null && number >= min && number <= max ? number : null;
}

// Half up, as Python's math.floor(x + 0.5), then into min..max.
function wholeWithin(number, min, max) {
  return number === null ? null : Math.min(max, Math.max(min, Math.floor(number + 0.5)));
}

// `limits`: {minDay, maxDay, minZoom, maxZoom, maxWindow, types, parties, statuses, languages} (allowed values).
export function parseQuery(search, defaults, limits) {
  const params = new URLSearchParams(search);
  const state = {...defaults, filters: {...defaults.filters}};
  const day = parseDay(params.get('date'));
  if (day !== null) state.day = clampDay(day, limits.minDay, limits.maxDay);
  const lat = inRange(parseDecimal(params.get('lat')), -90, 90);
  const lng = inRange(parseDecimal(params.get('lng')), -180, 180);
  if (lat !== null && lng !== null) state.center = [lat, lng];
  const zoom = wholeWithin(parseDecimal(params.get('zoom')), limits.minZoom ?? 0, limits.maxZoom ?? 22);
  if (zoom !== null) state.zoom = zoom;
  const windowDays = wholeWithin(parseDecimal(params.get('window')), 1, limits.maxWindow);
  if (windowDays !== null) state.windowDays = windowDays;
  for (const [key, param] of Object.entries(LIST_KEYS)) {
    if (params.has(param)) state.filters[key] = parseList(params.getAll(param), limits[key]);
  }
  const lang = params.get('lang');
  if (limits.languages?.includes(lang)) state.lang = lang;
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
  if (state.lang) params.set('lang', state.lang);
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

// The view's state <-> a page's address, by the rules above: read when the map starts and on Back/Forward,
// written as the view changes. Its location and history only, never its DOM; `page`: the window, or a stand-in.
export class UrlSync {
  constructor({defaults, limits, locked = false}, page = window) {
    this.defaults = defaults;
    this.limits = limits;
    this.locked = locked;
    this.page = page;
    this._lang = null;
  }

  read() {
    const search = this.page.location.search;
    const state = parseQuery(search, this.defaults, this.limits);
    if (this.locked) state.day = this.defaults.day;
    // The interface language is not part of the view's state (changing it reloads the page), but
    // every address the map writes keeps it, so a shared link opens in the language it was shared in.
    // Only a lang= the address itself gave: parseQuery fills in the default language otherwise.
    const asked = new URLSearchParams(search).get('lang');
    this._lang = asked && state.lang === asked ? asked : null;
    return state;
  }

  // A step of the reader's own ('user') is a new history entry; any other change rewrites the current one.
  write(state, origin) {
    // The address's own lang=, else the page's language unless it is the default (English).
    const lang = this._lang ?? (state.lang !== DEFAULT_LANGUAGE ? state.lang : null);
    const query = toQuery({...state, lang}, this.defaults);
    const {location, history} = this.page;
    if (query === location.search) return;
    const url = location.pathname + query + location.hash;
    if (origin === 'user') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
}
