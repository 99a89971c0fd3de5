// Find a place by any of its names. The app gives `search(query)` (over the
// places already loaded, alternate names included); picking a result fires
// 'placeselect' {slug}.

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
      placeholder: 'Any name, any spelling',
    });
    this._results = el('ul', {class: 'cm-search-results', id: `cm-search-results-${id}`});
    this._status = el('p', {class: 'cm-visually-hidden', role: 'status', 'aria-live': 'polite'});
    this._status.id = `cm-search-status-${id}`;
    this._input.setAttribute('aria-describedby', this._status.id);
    form.append(el('label', {for: this._input.id, text: 'Find a place'}), this._input, this._results, this._status);
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

  _update() {
    const query = this._input.value;
    const results = query.trim() ? this.options.search(query) : [];
    this._results.replaceChildren(
      ...results.map(({feature, matched}) => {
        const p = feature.properties;
        const label =
          matched && matched !== p.name && !(p.display_name || '').includes(matched)
            ? `${p.display_name} — also called ${matched}`
            : p.display_name;
        const button = el('button', {type: 'button', class: 'cm-search-result', text: label});
        L.DomEvent.on(button, 'click', () => {
          this._results.replaceChildren();
          this._input.value = p.name;
          this.fire('placeselect', {slug: p.slug});
        });
        return el('li', {}, button);
      }),
    );
    this._status.textContent = query.trim() ? `${results.length} place${results.length === 1 ? '' : 's'} found` : '';
  }
}

withEvents(PlaceSearch);
withDefaults(PlaceSearch, {position: 'topleft', search: () => []});
