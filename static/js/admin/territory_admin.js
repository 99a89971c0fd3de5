// Territory version page (admin): draws the series' previous published version, and the area gained and lost
// since, as read-only layers on the django-leaflet map widget, so the editor sees the change before submitting.
// The data comes from the page's json_script block (#territory-previous, a FeatureCollection whose features
// carry a `role`: previous, gained or lost); styles are in geodata/admin.css (the CSP forbids inline styles).
import {gettext, gettext_noop, interpolate} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';

loadPageCatalog();

{
  const MAP_ID = 'id_geometry-map';
  const LEGEND = {previous: gettext_noop('dashed'), gained: gettext_noop('green'), lost: gettext_noop('red')};

  function layersData() {
    const node = document.getElementById('territory-previous');
    return node ? JSON.parse(node.textContent) : null;
  }

  function legend(features) {
    const list = document.createElement('ul');
    list.className = 'cm-territory-legend';
    for (const feature of features) {
      const item = document.createElement('li');
      item.className = `cm-territory-legend-${feature.properties.role}`;
      item.textContent = interpolate(gettext('%(label)s (%(style)s)'), {
        label: feature.properties.label,
        style: LEGEND[feature.properties.role] ? gettext(LEGEND[feature.properties.role]) : '',
      });
      list.append(item);
    }
    return list;
  }

  window.addEventListener('map:init', (event) => {
    const {map, id} = event.detail;
    const data = layersData();
    if (id !== MAP_ID || !window.L || !data || data.features.length === 0) {
      return;
    }
    const layer = window.L.geoJSON(data, {
      interactive: false,
      style: (feature) => ({className: `cm-territory-${feature.properties.role}`}),
    });
    layer.addTo(map);
    layer.bringToBack();
    map.getContainer().after(legend(data.features));
  });
}
