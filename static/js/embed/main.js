// Entry point of the embed page (/embed/<slug>/): the map page's ConflictMap without site
// chrome, started with the embed's options (json_script "embed-options", parsed and
// validated by the server in geodata/embed_params.py), then the height reporter.
import {language} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';
import {ConflictMap} from '../map/ConflictMap.js';
import {longDay, parseDay} from '../map/dates.js';
import {EmbedResizer} from './resizer.js';

// The translations first: every control is built in the embed's language (lang=).
loadPageCatalog();
const options = JSON.parse(document.getElementById('embed-options').textContent);
const config = JSON.parse(document.getElementById('map-config').textContent);
const page = document.getElementById('embed');
const resizer = new EmbedResizer(page, {id: options.slug}).onAdd();

function resolvedTheme(theme) {
  if (theme !== 'auto') return theme;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function startMap() {
  const element = document.getElementById('embed-map');
  const timelineElement = document.getElementById('embed-timeline');
  const slider = options.controls.includes('slider');
  const timeline = options.controls.includes('timeline');
  element.hidden = false;
  document.documentElement.dataset.theme = resolvedTheme(options.theme); // static/css/dark.css
  if (timeline) timelineElement.hidden = false;
  const app = new ConflictMap(element, config, {
    controls: {zoom: true, slider, filters: false, search: false, legend: true, download: false},
    lockedDate: slider ? null : options.date,
    timeline: timeline ? timelineElement : null,
    syncUrl: false, // an embed never rewrites its own address
    theme: resolvedTheme(options.theme),
    windowDays: options.window,
    legendOpen: false,
    territory: options.layers.includes('territory'),
    lang: language(),
  });
  const {type, party, status} = options.filters;
  app.state.set(
    {
      day: parseDay(options.date),
      center: options.center,
      zoom: options.zoom,
      filters: {types: type, parties: party, statuses: status},
    },
    'init',
  );
  app.start();
  if (!options.layers.includes('events')) app.map.removeLayer(app.events);
  if (!options.layers.includes('places')) app.map.removeLayer(app.placeLayer);
  // The text summary stays in the page (screen readers, search engines), folded under the map.
  document.getElementById('embed-details').open = false;
  const date = document.getElementById('embed-date');
  app.on('redraw', () => {
    date.textContent = longDay(parseDay(element.dataset.renderedDate));
    date.dateTime = element.dataset.renderedDate;
    resizer.post();
  });
  return app;
}

startMap();
