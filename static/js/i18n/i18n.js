// The interface's translations in the browser. The page's entry module hands the
// catalogue (djangojs domain, put in a json_script element by the server) to
// setCatalog(); every module then asks gettext()/ngettext() for its texts and
// formats dates and numbers with the reader's locale through Intl.
// Without a catalogue (English, or the unit tests) every text is its msgid.

// The order of the plural forms in our .po files' Plural-Forms headers, named
// by Intl.PluralRules categories: plural selection runs through Intl, never
// through the header's C expression (no eval under a strict CSP).
const PLURAL_ORDER = {
  ru: ['one', 'few', 'many', 'other'],
};
const DEFAULT_PLURAL_ORDER = ['one', 'other'];

// The locale Intl formats in: English dates are written day first ("8 November 2020"), as the
// server writes them (Django's "j F Y"), so the page and its text summary agree.
const INTL_LOCALES = {en: 'en-GB'};

function intlLocale() {
  return INTL_LOCALES[state.lang] ?? state.lang;
}

let state = {lang: 'en', catalog: {}};

export function setCatalog({lang = 'en', catalog = {}} = {}) {
  state = {lang, catalog};
}

export function language() {
  return state.lang;
}

export function gettext(msgid) {
  const found = state.catalog[msgid];
  if (typeof found === 'string' && found) return found;
  if (Array.isArray(found) && found[0]) return found[0];
  return msgid;
}

// Marks a text for the catalogue where it is defined; it is translated where it is shown.
export function gettext_noop(msgid) {
  return msgid;
}

export function pgettext(context, msgid) {
  const translated = gettext(`${context}\u0004${msgid}`);
  return translated.includes('\u0004') ? msgid : translated;
}

export function ngettext(singular, plural, count) {
  const forms = state.catalog[singular];
  if (Array.isArray(forms)) {
    const order = PLURAL_ORDER[state.lang] ?? DEFAULT_PLURAL_ORDER;
    const category = new Intl.PluralRules(state.lang).select(count);
    const index = Math.max(0, order.indexOf(category));
    const text = forms[Math.min(index, forms.length - 1)];
    if (text) return text;
  }
  return count === 1 ? singular : plural;
}

// interpolate('%(name)s on %(date)s', {name, date}): named placeholders only, so
// translators may reorder them.
export function interpolate(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(intlLocale(), options).format(value);
}

// A calendar day (a Date at UTC midnight, as in map/dates.js) in the reader's language.
export function formatDate(day, options = {day: 'numeric', month: 'long', year: 'numeric'}) {
  return new Intl.DateTimeFormat(intlLocale(), {timeZone: 'UTC', ...options}).format(day);
}

export function formatList(items, options = {style: 'long', type: 'conjunction'}) {
  return new Intl.ListFormat(intlLocale(), options).format(items);
}
