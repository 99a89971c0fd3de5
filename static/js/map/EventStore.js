// Events loaded so far, kept sorted by day so a window is two binary searches.
// A data module: no DOM. Filtering by type/party/verification happens here on
// what the API returned for the chunks, so toggling a filter needs no refetch.
import {parseDay} from './dates.js';

function lowerBound(items, day) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class EventStore {
  constructor() {
    this._byId = new Map();
    this._sorted = [];
    this._loadedChunks = new Set();
  }

  // records: the map's records of events (eventRecords.js); items: {id, index, day, event, latlng,
  // shape, colour...} built once per event, `event` being the record.
  addChunk(index, records, describe) {
    if (this._loadedChunks.has(index)) return false;
    this._loadedChunks.add(index);
    for (const event of records) {
      if (this._byId.has(event.id)) continue;
      const day = parseDay(event.date);
      if (day === null || !Number.isFinite(event.lon) || !Number.isFinite(event.lat)) continue;
      // index: 0, 1, 2... in loading order, for the renderer's per-item caches (arrays by index).
      this._byId.set(event.id, {id: event.id, index: this._byId.size, day, event, ...describe(event)});
    }
    // Newest last; ties by id so the order is stable.
    this._sorted = [...this._byId.values()].sort((a, b) => a.day - b.day || a.id - b.id);
    return true;
  }

  get(id) {
    return this._byId.get(id) || null;
  }

  // Events with startDay <= day <= endDay that pass the filters, oldest first.
  window(startDay, endDay, filters) {
    const from = lowerBound(this._sorted, startDay);
    const to = lowerBound(this._sorted, endDay + 1);
    const types = filters.types.length ? new Set(filters.types) : null;
    const parties = filters.parties.length ? new Set(filters.parties) : null;
    const statuses = filters.statuses.length ? new Set(filters.statuses) : null;
    const result = [];
    for (let i = from; i < to; i += 1) {
      const item = this._sorted[i];
      const e = item.event;
      if (types && !types.has(e.type)) continue;
      if (statuses && !statuses.has(e.status)) continue;
      if (parties && !((e.perpetrator && parties.has(e.perpetrator)) || (e.target && parties.has(e.target)))) {
        continue;
      }
      result.push(item);
    }
    return result;
  }
}
