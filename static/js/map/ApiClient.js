// Fetches from the public API (see notes/API.md). A data module: no DOM.
// Responses are cached, so replaying the slider does not refetch.
//  - places(day): every place with its controller at that day (computed in the database): the
//    full state once, then the last state loaded plus the places that changed in between
//    (/api/places/changes/, docs/tiles.md), so a slider step moves only what changed
//  - controlChanges(day): control changes up to that day, newest first (forward: only those since the
//    last day loaded, put on top of its list)
//  - placeHistory(slug, day): one place's control changes up to that day
//  - events(startDay, endDay): the events to draw, fetched in fixed 32-day chunks, so sliding a
//    7-day window by a day re-uses what is already loaded; from /api/events/compact/ (columns of
//    arrays: what the map draws and lists, docs/api.md) when the config names it, else every page
//    of the GeoJSON /api/events/
//  - event(id): one event's full record (claims, sources, figures), for its popup
//  - territory(day, zoom): the territory in force at that day, simplified for the zoom
// Every request carries `lang` (options.lang) when it is set, so names and labels come back in the
// reader's language.
import {gettext, interpolate} from '../i18n/i18n.js';
import {formatDay} from './dates.js';

const CHUNK_DAYS = 32;
// Half a chunk: at 1M events a chunk is ~2 MB and 1.3 s to build, and stepping day by day at the speed
// of the answers (75 ms a step) crossed an edge a week ahead before its chunk came (docs/benchmarks.md).
const CHUNK_LOOKAHEAD_DAYS = 16;
// Answers kept, the least recently used dropped first: a day's places, its control changes and its
// territory are three, so about 40 days of scrubbing back and forth stay in memory.
const CACHE_LIMIT = 120;

export class ApiError extends Error {}

export class ApiClient {
  constructor(options) {
    this.options = {
      pageSize: 1000,
      timelineSize: 200,
      lang: null,
      // The conflict's first and last day (epoch days), if known: no chunk is asked for beyond them.
      minDay: null,
      maxDay: null,
      fetch: (...args) => window.fetch(...args),
      ...options,
    };
    this._cache = new Map();
    this._chunks = new Map();
  }

  async _json(url) {
    let response;
    try {
      response = await this.options.fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
    } catch (error) {
      throw new ApiError(interpolate(gettext('Could not reach the server (%(error)s).'), {error: error.message}));
    }
    if (!response.ok) {
      let detail = '';
      try {
        const body = await response.json();
        detail = body.detail || Object.values(body).flat().join(' ');
      } catch {
        /* not JSON: keep the status line */
      }
      const values = {status: response.status, detail};
      throw new ApiError(
        detail
          ? interpolate(gettext('The server answered %(status)s: %(detail)s.'), values)
          : interpolate(gettext('The server answered %(status)s.'), values),
      );
    }
    return response.json();
  }

  _url(path, params) {
    const url = new URL(path, window.location.origin);
    // The page's language: the API labels places in it (docs/place-names.md) and words its errors in it.
    for (const [key, value] of Object.entries({...params, lang: this.options.lang})) {
      if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
    }
    return url.toString();
  }

  _cached(key, load) {
    let promise = this._cache.get(key);
    if (promise) {
      this._cache.delete(key); // re-inserted below: a Map iterates oldest first, so used last = kept longest
    } else {
      promise = load().catch((error) => {
        this._cache.delete(key);
        throw error;
      });
    }
    this._cache.set(key, promise);
    if (this._cache.size > CACHE_LIMIT) this._cache.delete(this._cache.keys().next().value);
    return promise;
  }

  // zoom: the map's zoom below the server's thinning threshold (the places thinned for it), or null
  // for every place. Each zoom has its own set of places, so its own last state for the deltas.
  places(day, zoom = null) {
    const level = Number.isInteger(zoom) ? zoom : null;
    return this._cached(`places:${day}:${level}`, async () => {
      this._lastPlaces = this._lastPlaces || new Map();
      const base = this._lastPlaces.get(level);
      let features;
      if (base && this.options.urls.placeChanges) {
        const url = this._url(this.options.urls.placeChanges, {
          conflict: this.options.conflict,
          from: formatDay(base.day),
          to: formatDay(day),
          zoom: level,
        });
        const changed = (await this._json(url)).features || [];
        // Same places, same order as the full state: a Map keeps a replaced entry's position.
        const byId = new Map(base.features.map((feature) => [feature.id, feature]));
        for (const feature of changed) byId.set(feature.id, feature);
        features = [...byId.values()];
      } else {
        const url = this._url(this.options.urls.places, {
          conflict: this.options.conflict,
          date: formatDay(day),
          zoom: level,
        });
        features = (await this._json(url)).features || [];
      }
      this._lastPlaces.set(level, {day, features});
      return features;
    });
  }

  // The FeatureCollection of /api/territory/ (docs/territory.md): {features, date, simplify}.
  territory(day, zoom) {
    const url = this._url(this.options.urls.territory, {
      conflict: this.options.conflict,
      date: formatDay(day),
      zoom: Number.isInteger(zoom) ? zoom : null,
    });
    return this._cached(url, () => this._json(url));
  }

  // Ranked, forgiving search in the database (docs/map.md, Finding a place): [{slug, name, matched, ...}].
  searchPlaces(query) {
    const url = this._url(this.options.urls.placeSearch, {conflict: this.options.conflict, q: query});
    return this._cached(url, async () => (await this._json(url)).results || []);
  }

  // The timeline's list, newest first, at most timelineSize. A later day than one loaded asks only for
  // the changes in between (since the day after) and puts them on top: the same list and count as
  // the full answer, from a few rows (a step or the play forward); an earlier day asks for it all.
  controlChanges(day) {
    return this._cached(`changes:${day}`, async () => {
      const base = this._lastChanges;
      const forward = base && base.day < day;
      const url = this._url(this.options.urls.controlChanges, {
        conflict: this.options.conflict,
        since: forward ? formatDay(base.day + 1) : null,
        until: formatDay(day),
        page_size: this.options.timelineSize,
      });
      const body = await this._json(url);
      const results = body.results || [];
      const count = body.count ?? results.length;
      const answer = forward
        ? {results: [...results, ...base.results].slice(0, this.options.timelineSize), count: base.count + count}
        : {results, count};
      this._lastChanges = {day, ...answer};
      return answer;
    });
  }

  // A place's control changes up to that day (with `until`), for its popup's history.
  placeHistory(slug, day) {
    const url = this._url(this.options.urls.controlChanges, {
      conflict: this.options.conflict,
      place: slug,
      until: formatDay(day),
      page_size: this.options.timelineSize,
    });
    return this._cached(url, async () => (await this._json(url)).results || []);
  }

  async _allPages(url) {
    const features = [];
    let next = url;
    while (next) {
      const page = await this._json(next);
      features.push(...(page.features || []));
      next = page.next || null;
    }
    return features;
  }

  // The full GeoJSON Feature of one event (/api/events/<id>/), cached like the other answers.
  event(id) {
    const url = this._url(`${this.options.urls.events}${encodeURIComponent(id)}/`, {});
    return this._cached(url, () => this._json(url));
  }

  _chunk(index) {
    if (!this._chunks.has(index)) {
      const start = index * CHUNK_DAYS;
      const window = {conflict: this.options.conflict, start: formatDay(start), end: formatDay(start + CHUNK_DAYS - 1)};
      const compact = this.options.urls.eventsCompact;
      const load = compact
        ? this._json(this._url(compact, window)).then((body) => ({compact: body}))
        : this._allPages(this._url(this.options.urls.events, {...window, page_size: this.options.pageSize})).then(
            (features) => ({features}),
          );
      const promise = load.catch((error) => {
        this._chunks.delete(index);
        throw error;
      });
      this._chunks.set(index, promise);
    }
    return this._chunks.get(index);
  }

  // Resolves to {index, compact} (the compact answer's columns) or {index, features} (GeoJSON) per
  // chunk covering [startDay, endDay].
  async events(startDay, endDay) {
    const first = Math.floor(startDay / CHUNK_DAYS);
    const last = Math.floor(endDay / CHUNK_DAYS);
    const chunks = [];
    for (let i = first; i <= last; i += 1) chunks.push(this._chunk(i).then((chunk) => ({index: i, ...chunk})));
    const loaded = await Promise.all(chunks);
    this._neighbours(startDay, endDay, first, last);
    return loaded;
  }

  // A window within half a chunk of its chunks' edge soon needs the next (or previous) chunk: asked for once
  // the window's own are in, so stepping or playing across the edge does not wait for a whole chunk
  // (a month of events), and the first load shares the server with nothing. Never outside the conflict.
  _neighbours(startDay, endDay, first, last) {
    const {minDay, maxDay} = this.options;
    const ahead = Math.floor((endDay + CHUNK_LOOKAHEAD_DAYS) / CHUNK_DAYS);
    if (ahead > last && (maxDay === null || ahead * CHUNK_DAYS <= maxDay)) this._chunk(ahead).catch(() => {});
    const behind = Math.floor((startDay - CHUNK_LOOKAHEAD_DAYS) / CHUNK_DAYS);
    if (behind < first && (minDay === null || (behind + 1) * CHUNK_DAYS - 1 >= minDay)) {
      this._chunk(behind).catch(() => {});
    }
  }

  async basemap(url) {
    // topojson-client is a UMD bundle: imported for its side effect, it defines `topojson` on the window.
    await import('../../vendor/topojson-client/topojson-client.min.js');
    const topology = await this._cached(url, () => this._json(url));
    const topojson = window.topojson;
    return topojson.feature(topology, topology.objects.countries);
  }
}
