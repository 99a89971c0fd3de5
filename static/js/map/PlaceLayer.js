// Places, each in its controller's colour and shape, outlined by control
// status (solid confirmed, dashed claimed, dotted disputed). Updated in place
// when the date changes: only markers whose controller changed are restyled.
// A rendering module: the app hands it the API's features.

import {el} from './dom.js';
import {L, withDefaults} from './leaflet.js';
import {placePopup} from './popups.js';
import {ShapeMarker} from './ShapeMarker.js';
import {NO_PARTY_COLOR, STATUS_DASH} from './symbols.js';

export class PlaceLayer extends L.FeatureGroup {
  constructor(options) {
    super([], options);
    L.setOptions(this, options);
    this._markers = new Map();
  }

  getMarker(slug) {
    return this._markers.get(slug) || null;
  }

  _style(control) {
    const shapes = this.options.partyShapes;
    if (!control) {
      return {
        shape: 'circle',
        fillColor: '#ffffff',
        fillOpacity: 0.9,
        color: NO_PARTY_COLOR,
        dashArray: '2 2',
        weight: 2,
      };
    }
    return {
      shape: shapes[control.party.slug] || 'circle',
      fillColor: control.party.color || NO_PARTY_COLOR,
      fillOpacity: control.status === 'confirmed' ? 0.95 : 0.7,
      color: '#1b1b1b',
      dashArray: STATUS_DASH[control.status] || null,
      weight: control.status === 'confirmed' ? 2 : 2.5,
    };
  }

  _tag(marker, feature) {
    // data-* on the SVG path: lets tests and assistive tooling see what is drawn.
    const path = marker.getElement?.();
    if (!path) return;
    const control = feature.properties.control;
    path.dataset.place = feature.properties.slug;
    path.dataset.controller = control ? control.party.slug : '';
    path.dataset.status = control ? control.status : '';
  }

  // Called on every slider step with every place (5,000 in the benchmark): the
  // loop compares a few fields per place and allocates nothing; only markers
  // whose controller changed are restyled.
  setPlaces(features) {
    this._pass = (this._pass || 0) + 1;
    const pass = this._pass;
    for (const feature of features) {
      if (!feature.geometry) continue;
      const slug = feature.properties.slug;
      const control = feature.properties.control;
      let marker = this._markers.get(slug);
      if (!marker) {
        const [lng, lat] = feature.geometry.coordinates;
        marker = new ShapeMarker([lat, lng], {
          radius: this.options.radius,
          renderer: this.options.renderer,
          pane: this.options.pane,
          ...this._style(control),
        });
        marker.feature = feature;
        marker.bindPopup(
          () =>
            placePopup(marker.feature, {
              dayLabel: this.options.dayLabel(),
              correctionsUrl: this.options.correctionsUrl,
            }),
          {maxWidth: 360, className: 'cm-leaflet-popup'},
        );
        // Few places: their names stay on the map (journalists read a front by its names);
        // many places: names on hover only, or the map drowns in labels.
        const labelled = features.length <= this.options.labelLimit;
        marker.bindTooltip(
          () => el('span', {text: marker.feature.properties.display_name}),
          labelled
            ? {permanent: true, direction: 'right', offset: [8, 0], className: 'cm-place-label'}
            : {direction: 'top'},
        );
        remember(marker, control);
        marker._cmPass = pass;
        this._markers.set(slug, marker);
        this.addLayer(marker);
        this._tag(marker, feature);
        continue;
      }
      marker._cmPass = pass;
      marker.feature = feature;
      if (!sameControl(marker, control)) {
        remember(marker, control);
        const style = this._style(control);
        marker.setStyle(style);
        marker.setShape(style.shape);
        this._tag(marker, feature);
      }
      if (marker.isPopupOpen()) marker.getPopup().update();
    }
    for (const [slug, marker] of this._markers) {
      if (marker._cmPass !== pass) {
        this.removeLayer(marker);
        this._markers.delete(slug);
      }
    }
    return this;
  }
}

// What a marker's style depends on: the control change, its status and the party's colour.
function remember(marker, control) {
  marker._cmChange = control ? control.change_id : null;
  marker._cmStatus = control ? control.status : null;
  marker._cmColor = control ? control.party.color : null;
}

function sameControl(marker, control) {
  if (!control) return marker._cmChange === null;
  return (
    marker._cmChange === control.change_id &&
    marker._cmStatus === control.status &&
    marker._cmColor === control.party.color
  );
}

withDefaults(PlaceLayer, {
  radius: 9,
  partyShapes: {},
  renderer: null,
  pane: 'overlayPane',
  dayLabel: () => '',
  correctionsUrl: null,
  labelLimit: 60,
});
