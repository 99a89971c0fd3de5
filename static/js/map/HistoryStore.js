// Places' control histories, loaded once per (place, day) when a popup asks. A data module:
// no DOM. get() is what the popup shows now: null (not loaded yet), the changes, or the
// Error that stopped them.
export class HistoryStore {
  constructor(load) {
    this._load = load;
    this._entries = new Map();
    this._pending = new Map();
  }

  get(slug, day) {
    const key = `${slug}:${day}`;
    return this._entries.has(key) ? this._entries.get(key) : null;
  }

  has(slug, day) {
    return this._entries.has(`${slug}:${day}`);
  }

  // Resolves once the entry is there (a failure is kept as its Error, so the popup says so).
  load(slug, day) {
    const key = `${slug}:${day}`;
    if (this._entries.has(key)) return Promise.resolve(this._entries.get(key));
    if (!this._pending.has(key)) {
      const promise = Promise.resolve()
        .then(() => this._load(slug, day))
        .catch((error) => (error instanceof Error ? error : new Error(String(error))))
        .then((value) => {
          this._entries.set(key, value);
          this._pending.delete(key);
          return value;
        });
      this._pending.set(key, promise);
    }
    return this._pending.get(key);
  }
}
