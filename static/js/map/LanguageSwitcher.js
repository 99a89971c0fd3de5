// The interface language: a select of the site's languages, each named in its own language.
// Choosing one reloads the page with ?lang= set and the rest of the address (date, view,
// filters) kept: the server renders the page and its catalogue in that language
// (conflictmap/locale.py), so nothing is re-translated in place.
import {gettext} from '../i18n/i18n.js';
import {LANGUAGES} from '../i18n/languages.js';
import {el} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';

// The address of the same view in `lang`.
export function urlWithLanguage(href, lang) {
  const url = new URL(href);
  url.searchParams.set('lang', lang);
  return url.href.replace(/%2C/g, ',');
}

export class LanguageSwitcher extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
  }

  onAdd() {
    const o = this.options;
    const id = `cm-language-${L.Util.stamp(this)}`;
    this._select = el(
      'select',
      {id, class: 'cm-language-select'},
      o.languages.map(([code, name]) =>
        el('option', {value: code, lang: code, selected: code === o.current, text: name}),
      ),
    );
    const form = el(
      'form',
      {class: 'cm-language cm-panel'},
      el('label', {for: id, class: 'cm-language-label', text: gettext('Language')}),
      ' ',
      this._select,
    );
    L.DomEvent.on(this._select, 'change', this._onChange, this);
    L.DomEvent.on(form, 'submit', L.DomEvent.preventDefault);
    L.DomEvent.disableClickPropagation(form);
    L.DomEvent.disableScrollPropagation(form);
    return form;
  }

  onRemove() {
    L.DomEvent.off(this._select, 'change', this._onChange, this);
  }

  _onChange() {
    const lang = this._select.value;
    if (lang === this.options.current) return;
    this.fire('languagechange', {lang});
    this.options.navigate(urlWithLanguage(window.location.href, lang));
  }
}

withEvents(LanguageSwitcher);
withDefaults(LanguageSwitcher, {
  position: 'topright',
  // [code, name in its own language], as settings.LANGUAGES (the page's catalogue element carries it).
  languages: LANGUAGES,
  current: 'en',
  navigate: (url) => window.location.assign(url),
});
