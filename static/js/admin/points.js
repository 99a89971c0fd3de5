// Coordinates typed in the admin and the point field's GeoJSON. Pure functions, no DOM.
import {gettext, interpolate} from '../i18n/i18n.js';

const DIGITS = 6; // about 0.1 m: what the widget stores

export function round(value) {
  return Number(value.toFixed(DIGITS));
}

// {value, error}: a number in [-limit, limit] (comma accepted as the decimal mark), or why not.
export function readCoordinate(text, limit) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return {value: null, error: null};
  const value = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(value)) return {value: null, error: gettext('not a number.')};
  if (Math.abs(value) > limit) {
    return {
      value: null,
      error: interpolate(gettext('must be between %(min)s and %(max)s.'), {min: -limit, max: limit}),
    };
  }
  return {value: round(value), error: null};
}

export function pointGeoJSON(lat, lon) {
  return JSON.stringify({type: 'Point', coordinates: [round(lon), round(lat)]});
}

// {lat, lon} of the widget's value, or null (empty, not a point, not JSON).
export function parsePoint(text) {
  if (!text || !String(text).trim()) return null;
  try {
    const geometry = JSON.parse(text);
    const [lon, lat] = geometry?.type === 'Point' ? geometry.coordinates : [];
    return Number.isFinite(lat) && Number.isFinite(lon) ? {lat: round(lat), lon: round(lon)} : null;
  } catch {
    return null;
  }
}
