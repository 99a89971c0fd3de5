// The page's catalogue: the server puts it in a json_script element (id "cm-i18n",
// geodata/templatetags/js_i18n.py) as {lang, catalog, languages}; each entry module calls
// loadPageCatalog() before it builds anything, so every text is translated from the first paint.
import {setCatalog} from './i18n.js';

export const CATALOG_ELEMENT_ID = 'cm-i18n';

// Returns what the element held ({lang, catalog, languages: [[code, name]]}), or null without one.
export function loadPageCatalog(doc = document) {
  const node = doc.getElementById(CATALOG_ELEMENT_ID);
  if (!node) return null;
  const data = JSON.parse(node.textContent);
  setCatalog(data);
  return data;
}
