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

// One Intl.PluralRules per language, for the same reason as plainFormats (below).
const plurals = new Map();
function pluralRules(lang) {
  let rules = plurals.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    plurals.set(lang, rules);
  }
  return rules;
}

export function ngettext(singular, plural, count) {
  const forms = state.catalog[singular];
  if (Array.isArray(forms)) {
    const order = PLURAL_ORDER[state.lang] ?? DEFAULT_PLURAL_ORDER;
    const category = pluralRules(state.lang).select(count);
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

// Whether this browser's Intl has the language's data for `Type` (DateTimeFormat, ListFormat, ...).
// Browsers ship locale data for their own interface languages only: Chromium builds without
// Armenian resolve "hy" to English, and have Azerbaijani without its month names ("2020 M11 8").
// Then dates and lists are written from the catalogue (its month names and patterns) instead.
const supportCache = new Map();
export function intlSupports(Type, lang = state.lang) {
  const key = `${Type.name}:${lang}`;
  if (!supportCache.has(key)) {
    let supported = new Type(lang).resolvedOptions().locale.split('-')[0] === lang;
    if (supported && Type === Intl.DateTimeFormat) {
      const month = new Intl.DateTimeFormat(lang, {month: 'long', timeZone: 'UTC'}).format(
        new Date(Date.UTC(2020, 10, 8)),
      );
      supported = !/^M?\d+$/.test(month);
    }
    supportCache.set(key, supported);
  }
  return supportCache.get(key);
}

// Numbers with another language's separators, the same in CLDR (Armenian as Russian, Azerbaijani as
// Turkish): Chromium without their data answers with the root locale's "4,400", which looks like data.
const NUMBER_LOCALES = {hy: 'ru', az: 'tr'};

// Plain numbers (no options) share one formatter per locale: building an Intl.NumberFormat costs tens
// of microseconds, and a slider step writes the counts of dozens of dense spots twice each.
const plainFormats = new Map();

export function formatNumber(value, options) {
  const locale = NUMBER_LOCALES[state.lang] ?? intlLocale();
  if (options) return new Intl.NumberFormat(locale, options).format(value);
  let format = plainFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    plainFormats.set(locale, format);
  }
  return format.format(value);
}

// The month's name as written in a date ("8 ноября", "8 noyabr"): from the catalogue.
function monthInDate(month) {
  switch (month) {
    case 0:
      return pgettext('month in a date', 'January');
    case 1:
      return pgettext('month in a date', 'February');
    case 2:
      return pgettext('month in a date', 'March');
    case 3:
      return pgettext('month in a date', 'April');
    case 4:
      return pgettext('month in a date', 'May');
    case 5:
      return pgettext('month in a date', 'June');
    case 6:
      return pgettext('month in a date', 'July');
    case 7:
      return pgettext('month in a date', 'August');
    case 8:
      return pgettext('month in a date', 'September');
    case 9:
      return pgettext('month in a date', 'October');
    case 10:
      return pgettext('month in a date', 'November');
    default:
      return pgettext('month in a date', 'December');
  }
}

// A long date from the catalogue's month names and pattern (the Intl fallback; exported for its tests).
export function catalogueDate(day) {
  return interpolate(pgettext('long date', '%(day)s %(month)s %(year)s'), {
    day: day.getUTCDate(),
    month: monthInDate(day.getUTCMonth()),
    year: day.getUTCFullYear(),
  });
}

// A calendar day (a Date at UTC midnight, as in map/dates.js) in the reader's language.
export function formatDate(day, options = {day: 'numeric', month: 'long', year: 'numeric'}) {
  const long = options.month === 'long' && options.day && options.year && Object.keys(options).length === 3;
  if (long && !intlSupports(Intl.DateTimeFormat)) return catalogueDate(day);
  return new Intl.DateTimeFormat(intlLocale(), {timeZone: 'UTC', ...options}).format(day);
}

// "A, B and C" from the catalogue's conjunction (the Intl fallback; exported for its tests).
export function catalogueList(items) {
  if (items.length <= 1) return items.join('');
  return interpolate(pgettext('list', '%(items)s and %(last)s'), {
    items: items.slice(0, -1).join(pgettext('list', ', ')),
    last: items[items.length - 1],
  });
}

export function formatList(items, options = {style: 'long', type: 'conjunction'}) {
  if (options.type === 'conjunction' && !intlSupports(Intl.ListFormat)) return catalogueList(items);
  return new Intl.ListFormat(intlLocale(), options).format(items);
}
