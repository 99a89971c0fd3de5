// The interface's languages, [code, name in itself], as settings.LANGUAGES (tests/test_js_i18n.py
// compares the two). Pages pass the server's list (the catalogue element, {% js_catalog %}); this is
// the default of the classes that take one, for a page without a catalogue and for the unit tests.
export const LANGUAGES = [
  ['en', 'English'], // i18n-ignore: each language is named in itself
  ['hy', 'Հայերեն'], // i18n-ignore
  ['az', 'Azərbaycanca'], // i18n-ignore
  ['ru', 'Русский'], // i18n-ignore
];

export const LANGUAGE_CODES = LANGUAGES.map(([code]) => code);
