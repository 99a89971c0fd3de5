// Entry point of the conflict map page: reads the configuration the server put
// in json_script elements and starts the app. No inline script anywhere (CSP).
import {language} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';
import {ConflictMap} from './ConflictMap.js';

// The translations first: every control below is built in the page's language.
const i18n = loadPageCatalog();

const element = document.getElementById('map');
const config = JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
const timeline = document.getElementById('timeline');

// Dark mode follows the reader's setting (static/css/dark.css; the basemap's land is themed too).
const theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;

new ConflictMap(element, config, {
  timeline,
  legendOpen: window.matchMedia('(min-width: 900px)').matches,
  theme,
  lang: language(),
  controls: {language: true},
  ...(i18n?.languages ? {languages: i18n.languages.map(([code]) => code), languageNames: i18n.languages} : {}),
}).start();
