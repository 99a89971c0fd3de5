// Territory version add form (admin): before the first save, shows the series' previous published version
// and the km² gained and lost by the area being drawn. It posts the drawn area, the series and the date to
// the admin's preview view (geodata/admin/territory_preview.py: the same change_from_previous() the saved
// version's page uses; nothing is stored), then writes the figures into the "previous version" field and
// draws the previous, gained and lost areas as read-only layers (styles in geodata/admin.css, as
// territory_admin.js does for a saved version). Only on the add form: a saved version has its own block.
import {formatNumber, gettext, interpolate} from '../i18n/i18n.js';

const MAP_ID = 'id_geometry-map';

function km2(value) {
  return interpolate(gettext('%(area)s km²'), {area: formatNumber(value, {maximumFractionDigits: 1})});
}

function summary(box, data) {
  box.replaceChildren();
  const p = document.createElement('p');
  if (data.error) {
    p.textContent = data.error;
    box.append(p);
    return;
  }
  if (data.previous) {
    const link = document.createElement('a');
    link.href = data.previous.url;
    link.textContent = data.previous.valid_from;
    const strong = document.createElement('strong');
    strong.textContent = interpolate(gettext('%(gained)s gained, %(lost)s lost'), {
      gained: km2(data.gained_km2),
      lost: km2(data.lost_km2),
    });
    p.append(gettext('Previous published version: from '), link, gettext('. With the area drawn: '), strong, '.');
  } else {
    p.textContent = interpolate(
      gettext('No published version of this series before this date: all of its %(area)s is new.'),
      {
        area: km2(data.gained_km2),
      },
    );
  }
  box.append(p);
  if (data.note) {
    const note = document.createElement('p');
    note.textContent = data.note;
    box.append(note);
  }
}

window.addEventListener('map:init', (event) => {
  const {map, id} = event.detail;
  const box = document.getElementById('territory-preview');
  if (id !== MAP_ID || !box || !window.L) return;
  const form = box.closest('form');
  const field = (name) => form.querySelector(`[name="${name}"]`);
  let layer = null;
  let generation = 0;

  async function refresh() {
    const geometry = field('geometry')?.value || '';
    const series = field('series')?.value || '';
    const validFrom = field('valid_from')?.value || '';
    if (!geometry || !series || !validFrom) return;
    const body = new FormData();
    body.append('csrfmiddlewaretoken', field('csrfmiddlewaretoken').value);
    body.append('geometry', geometry);
    body.append('series', series);
    body.append('valid_from', validFrom);
    const mine = ++generation;
    const response = await fetch(box.dataset.url, {method: 'POST', body, credentials: 'same-origin'});
    const data = await response.json();
    if (mine !== generation) return; // an older answer: a newer drawing is on its way
    summary(box, data);
    if (layer) layer.remove();
    layer = null;
    if (data.features?.features.length) {
      layer = window.L.geoJSON(data.features, {
        interactive: false,
        style: (feature) => ({className: `cm-territory-${feature.properties.role}`}),
      }).addTo(map);
      layer.bringToBack();
    }
  }

  // django-leaflet writes the drawn area into the hidden field in its own handler of the same events:
  // read the field once that has run.
  const later = () => setTimeout(refresh, 0);
  for (const name of ['draw:created', 'draw:edited', 'draw:deleted', 'draw:editvertex']) map.on(name, later);
  for (const name of ['series', 'valid_from']) field(name)?.addEventListener('change', later);
  later(); // copy and edit: the add form opens with an area already
});
