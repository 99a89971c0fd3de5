// Find a place by any of its names. The app gives `search(query)`, resolving to
// [{slug, name, label, names, matched}] best first (the server's ranked search,
// docs/map.md); picking a result fires 'placeselect' {slug}.

import {formatNumber, gettext, interpolate, ngettext} from '../i18n/i18n.js';
import {el} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';

export class PlaceSearch extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
  }

  onAdd() {
    const id = L.Util.stamp(this);
    const form = el('form', {class: 'cm-search cm-panel', role: 'search'});
    this._input = el('input', {
      type: 'search',
      id: `cm-search-${id}`,
      autocomplete: 'off',
      placeholder: gettext('Any name, any spelling'),
    });
    this._results = el('ul', {class: 'cm-search-results', id: `cm-search-results-${id}`});
    this._status = el('p', {class: 'cm-visually-hidden', role: 'status', 'aria-live': 'polite'});
    this._status.id = `cm-search-status-${id}`;
    this._input.setAttribute('aria-describedby', this._status.id);
    form.append(
      el('label', {for: this._input.id, text: gettext('Find a place')}),
      this._input,
      this._results,
      this._status,
    );
    L.DomEvent.on(this._input, 'input', this._update, this);
    L.DomEvent.on(form, 'submit', (e) => {
      L.DomEvent.preventDefault(e);
      const first = this._results.querySelector('button');
      if (first) first.click();
    });
    L.DomEvent.disableClickPropagation(form);
    L.DomEvent.disableScrollPropagation(form);
    return form;
  }

  async _update() {
    const query = this._input.value;
    this._ticket = (this._ticket || 0) + 1;
    const ticket = this._ticket;
    let results = [];
    let failed = null;
    if (query.trim()) {
      try {
        results = await this.options.search(query);
      } catch (error) {
        failed = error;
      }
    }
    if (ticket !== this._ticket) return; // a later keystroke already answered
    this._results.replaceChildren(
      ...results.map((p) => {
        // `label`: the place's name in the reader's language, the other side's in brackets (docs/place-names.md).
        const shown = p.label;
        const label =
          p.matched && p.matched !== p.name && !shown.includes(p.matched)
            ? interpolate(gettext('%(name)s — also called %(matched)s'), {name: shown, matched: p.matched})
            : shown;
        const button = el('button', {type: 'button', class: 'cm-search-result', text: label});
        L.DomEvent.on(button, 'click', (e) => {
          // The list is emptied below, detaching the button: the map would no longer see that the click
          // came from inside this control and take it for a click on the map, closing the popup just opened.
          L.DomEvent.stopPropagation(e);
          this._results.replaceChildren();
          this._input.value = p.label || p.name;
          this.fire('placeselect', {slug: p.slug});
        });
        return el('li', {}, button);
      }),
    );
    if (failed) this._status.textContent = interpolate(gettext('Search failed: %(error)s'), {error: failed.message});
    else if (!query.trim()) this._status.textContent = '';
    else {
      const found = ngettext('%(n)s place found', '%(n)s places found', results.length);
      this._status.textContent = interpolate(found, {n: formatNumber(results.length)});
    }
  }
}

withEvents(PlaceSearch);
withDefaults(PlaceSearch, {position: 'topleft', search: async () => []});
