// Entry point of the conflict map page: reads the configuration the server put
// in json_script elements and starts the app. No inline script anywhere (CSP).
import {language} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';
import {ConflictMap} from './ConflictMap.js';
import {LanguageSwitcher} from './LanguageSwitcher.js';

// The translations first: every control below is built in the page's language.
const i18n = loadPageCatalog();

const element = document.getElementById('map');
const config = JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
const timeline = document.getElementById('timeline');

// Dark mode follows the reader's setting (static/css/dark.css; the basemap's land is themed too).
const theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;

const app = new ConflictMap(element, config, {
  timeline,
  legendOpen: window.matchMedia('(min-width: 900px)').matches,
  theme,
  lang: language(),
  ...(i18n?.languages ? {languages: i18n.languages.map(([code]) => code)} : {}),
}).start();
// The map page's own control (the embed's language is the builder's choice): first in its corner,
// above the filters, which arrive after it (ConflictMap loads them on demand).
new LanguageSwitcher({current: language(), ...(i18n?.languages ? {languages: i18n.languages} : {})}).addTo(app.map);
