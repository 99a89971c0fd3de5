// A minimal event emitter for the data/state modules, so they need neither Leaflet
// nor the DOM (and load in node for the unit tests). The calls match Leaflet's
// Evented: on(type, fn, context), off(type, fn, context), fire(type, data); a
// listener gets {type, target, ...data}.

export class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  on(type, fn, context = null) {
    if (!this._listeners.has(type)) this._listeners.set(type, []);
    this._listeners.get(type).push({fn, context});
    return this;
  }

  off(type, fn, context = null) {
    const list = this._listeners.get(type);
    if (!list) return this;
    const index = list.findIndex((l) => l.fn === fn && l.context === context);
    if (index !== -1) list.splice(index, 1);
    return this;
  }

  fire(type, data = {}) {
    const list = this._listeners.get(type);
    if (!list?.length) return this;
    const event = {...data, type, target: this};
    // A copy: a listener may remove itself (or another) while the event is being fired.
    for (const {fn, context} of list.slice()) fn.call(context, event);
    return this;
  }
}
