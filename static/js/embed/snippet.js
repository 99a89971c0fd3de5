// The embed snippet, from the map page's view and the builder's choices. Pure: strings and
// plain objects in, strings out; the same markup as the oEmbed endpoint (geodata/oembed.py).

// Map page query (static/js/map/urlstate.js) -> embed query (geodata/embed_params.py).
const MAP_TO_EMBED = [
  ['date', 'date'],
  ['zoom', 'zoom'],
  ['window', 'window'],
  ['types', 'type'],
  ['parties', 'party'],
  ['status', 'status'],
];

// view: the map page's query string; choices: {slider, timeline, theme, lang}. The language is the
// builder's choice, else the map page's; English, the embed's default, is left out.
export function embedQuery(view, choices) {
  const map = new URLSearchParams(view);
  const query = new URLSearchParams();
  for (const [from, to] of MAP_TO_EMBED) {
    if (map.get(from)) query.set(to, map.get(from));
    if (from === 'date' && map.get('lat') && map.get('lng')) query.set('center', `${map.get('lat')},${map.get('lng')}`);
  }
  const controls = [choices.slider ? 'slider' : null, choices.timeline ? 'timeline' : null].filter(Boolean);
  if (!(controls.length === 1 && controls[0] === 'slider')) query.set('controls', controls.join(',') || 'none');
  if (choices.theme && choices.theme !== 'auto') query.set('theme', choices.theme);
  const lang = choices.lang || map.get('lang');
  if (lang && lang !== 'en') query.set('lang', lang);
  return query.toString().replace(/%2C/g, ',');
}

function attr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// size: {responsive: true, height} or {responsive: false, width, height}.
export function snippet({src, loader, title, size}) {
  const width = size.responsive ? '100%' : String(size.width);
  return (
    `<iframe src="${attr(src)}" title="${attr(title)}" width="${attr(width)}" height="${attr(size.height)}" ` +
    'loading="lazy" style="border:0;max-width:100%" data-conflictmap-embed></iframe>\n' +
    `<script src="${attr(loader)}" async></script>`
  );
}
