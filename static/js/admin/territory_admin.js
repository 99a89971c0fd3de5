// Territory version page (admin): draws the series' previous version as a second, read-only layer on the
// django-leaflet map widget, so the editor sees what changed. The data comes from the page's json_script
// block (#territory-previous); styles are in geodata/admin.css (the CSP forbids inline styles).
(() => {
  const MAP_ID = 'id_geometry-map';

  function previousFeature() {
    const node = document.getElementById('territory-previous');
    return node ? JSON.parse(node.textContent) : null;
  }

  window.addEventListener('map:init', (event) => {
    const {map, id} = event.detail;
    if (id !== MAP_ID || !window.L) {
      return;
    }
    const feature = previousFeature();
    if (!feature) {
      return;
    }
    const layer = window.L.geoJSON(feature, {
      interactive: false,
      style: () => ({className: 'cm-previous-version'}),
    });
    layer.addTo(map);
    layer.bringToBack();
    const title = document.createElement('div');
    title.className = 'cm-previous-legend';
    title.textContent = `Dashed: ${feature.properties.label}`;
    map.getContainer().after(title);
  });
})();
