// Entry point of the conflict map page: reads the configuration the server put
// in a json_script element and starts the app. No inline script anywhere (CSP).
import {ConflictMap} from './ConflictMap.js';

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
}).start();
