// The admin's map widgets (django-leaflet, its global `L`) take coordinates:
//  - latitude and longitude fields beside each point widget: typing moves the marker, placing or
//    dragging the marker fills them in;
//  - one click on the map places the marker (no "Draw a marker" step first);
//  - the offline borders basemap of the public map under the tiles, so the map is never a blank box;
//  - an event's point is prefilled from the place chosen for it.
// Configuration comes through json_script (geodata/admin/coordinates.py): no inline script (CSP).
import {gettext, interpolate} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';
import {parsePoint, pointGeoJSON, readCoordinate} from './points.js';

loadPageCatalog();

const config = JSON.parse(document.getElementById('cm-admin-map')?.textContent || '{}');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

async function addBasemap(map) {
  const L = window.L;
  try {
    // topojson-client is a UMD bundle: imported for its side effect, it defines `topojson`.
    await import('../../vendor/topojson-client/topojson-client.min.js');
    const response = await fetch(config.basemapUrl, {credentials: 'same-origin'});
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    if (!map.getPane('cm-basemap')) map.createPane('cm-basemap').style.zIndex = '150';
    L.geoJSON(countries, {
      pane: 'cm-basemap',
      interactive: false,
      renderer: L.canvas({pane: 'cm-basemap', padding: 0.5}),
      style: () => ({color: '#8c8c8c', weight: 0.8, fillColor: '#f3f1ec', fillOpacity: 1}),
      attribution: interpolate(gettext('Borders: %(source)s'), {source: 'Natural Earth'}), // i18n-ignore: a name
    }).addTo(map);
    map.getContainer().dataset.basemap = 'drawn';
  } catch (error) {
    map.getContainer().dataset.basemap = `failed: ${error.message}`;
  }
}

class PointInputs {
  constructor(map, field) {
    this.map = map;
    this.field = field;
    this.textarea = document.getElementById(field.options.fieldid);
    const id = field.options.fieldid;
    this.lat = el('input', {type: 'number', id: `${id}-lat`, step: 'any', min: '-90', max: '90', inputmode: 'decimal'});
    this.lon = el('input', {
      type: 'number',
      id: `${id}-lon`,
      step: 'any',
      min: '-180',
      max: '180',
      inputmode: 'decimal',
    });
    this.message = el('p', {class: 'cm-coordinates-message', role: 'status'});
    const box = el(
      'div',
      {class: 'cm-coordinates'},
      el('label', {for: this.lat.id, text: gettext('Latitude')}),
      this.lat,
      el('label', {for: this.lon.id, text: gettext('Longitude')}),
      this.lon,
      this.message,
    );
    const anchor = document.getElementById(`${id}-div-map`) || map.getContainer();
    anchor.after(box);
    if (!field.options.modifiable) {
      this.lat.disabled = true;
      this.lon.disabled = true;
    }
    this.showField();
    for (const input of [this.lat, this.lon]) input.addEventListener('input', () => this.typed());
    map.on('draw:created draw:edited draw:deleted', () => setTimeout(() => this.showField(), 0));
    if (field.options.modifiable) {
      map.on('click', (e) => {
        if (field._acceptDrawEvents) return; // a draw or edit tool is on: it handles the click
        const {lat, lng} = e.latlng.wrap();
        this.place(lat, lng);
        this.showField();
      });
    }
  }

  current() {
    return parsePoint(this.textarea.value);
  }

  showField() {
    const point = this.current();
    this.lat.value = point ? String(point.lat) : '';
    this.lon.value = point ? String(point.lon) : '';
    this.message.textContent = '';
  }

  typed() {
    const lat = readCoordinate(this.lat.value, 90);
    const lon = readCoordinate(this.lon.value, 180);
    this.lat.setCustomValidity(lat.error || '');
    this.lon.setCustomValidity(lon.error || '');
    const errors = [
      lat.error && interpolate(gettext('Latitude: %(error)s'), {error: lat.error}),
      lon.error && interpolate(gettext('Longitude: %(error)s'), {error: lon.error}),
    ].filter(Boolean);
    this.message.textContent = errors.join(' ');
    if (lat.value === null || lon.value === null) return;
    this.place(lat.value, lon.value);
  }

  // Replace the widget's marker and its field value (the textarea django-leaflet saves).
  place(lat, lon, {pan = true} = {}) {
    const L = window.L;
    const items = this.field.drawnItems;
    items.eachLayer((layer) => this.map.removeLayer(layer));
    items.clearLayers();
    const marker = L.marker([lat, lon]);
    items.addLayer(marker);
    this.map.addLayer(marker);
    this.textarea.value = pointGeoJSON(lat, lon);
    if (pan) this.map.panTo([lat, lon]);
  }
}

// An event's point from its place: asked when the place changes, written if the point is empty
// or still the previous place's (a point the editor moved is kept).
function prefillFromPlace(inputs) {
  const select = document.getElementById('id_place');
  if (!select || !config.placePointUrl || inputs.field.options.fieldid !== 'id_point') return;
  let prefilled = null;
  const onChange = async () => {
    if (!select.value) return;
    const point = inputs.current();
    const untouched = !point || (prefilled && point.lat === prefilled.lat && point.lon === prefilled.lon);
    if (!untouched) return;
    const response = await fetch(config.placePointUrl.replace('{id}', encodeURIComponent(select.value)), {
      credentials: 'same-origin',
      headers: {Accept: 'application/json'},
    });
    if (!response.ok) {
      inputs.message.textContent = interpolate(gettext('The place’s coordinates could not be loaded (%(status)s).'), {
        status: response.status,
      });
      return;
    }
    const body = await response.json();
    prefilled = parsePoint(pointGeoJSON(body.lat, body.lon));
    inputs.place(prefilled.lat, prefilled.lon);
    inputs.showField();
    inputs.message.textContent = gettext('Point set from the place’s coordinates.');
  };
  // The admin's autocomplete (select2) announces changes through jQuery only.
  if (window.django?.jQuery) window.django.jQuery(select).on('change', onChange);
  else select.addEventListener('change', onChange);
}

window.addEventListener('map:init', (e) => {
  const map = e.detail.map;
  addBasemap(map);
  map.on('map:loadfield', (me) => {
    if (!/point$/i.test(me.field.options.geom_type)) return;
    prefillFromPlace(new PointInputs(map, me.field));
  });
});
