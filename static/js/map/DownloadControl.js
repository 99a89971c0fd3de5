// "Download": links to the conflict's exports (ACLED-compatible CSV, GeoJSON, GeoPackage) for the
// date window the map shows. A rendering module: it builds links from the export URLs it is given
// and never fetches; the browser downloads when the reader follows a link. setWindow(start, end)
// keeps the links on the map's window (whole days, map/dates.js).
// A native <details>/<summary> and plain links: keyboard and screen-reader use come with the HTML.

import {formatDate, gettext, gettext_noop, interpolate} from '../i18n/i18n.js';
import {formatDay} from './dates.js';
import {el} from './dom.js';
import {L, withDefaults} from './leaflet.js';

const DAY_MS = 86400000;

// Export URL with the window as the export views read it (?start=YYYY-MM-DD&end=YYYY-MM-DD).
export function windowUrl(url, startDay, endDay) {
  const query = new URLSearchParams({start: formatDay(startDay), end: formatDay(endDay)});
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

export class DownloadControl extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
    this._links = [];
  }

  onAdd() {
    const o = this.options;
    const details = el('details', {class: 'cm-download cm-panel'});
    details.append(el('summary', {text: gettext('Download')}));
    this._range = el('p', {class: 'cm-download-range'});
    const list = el('ul', {class: 'cm-download-list'});
    this._links = o.formats
      .filter((format) => o.urls[format.key])
      .map((format) => {
        const link = el('a', {class: 'cm-download-link', download: '', dataset: {format: format.key}});
        link.append(gettext(format.label), el('span', {class: 'cm-download-type', text: ` (.${format.key})`}));
        list.append(el('li', {}, link));
        return {link, url: o.urls[format.key]};
      });
    details.append(this._range, list);
    if (o.licence) details.append(el('p', {class: 'cm-download-licence', text: o.licence}));
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    this._container = details;
    this.setWindow(o.startDay, o.endDay);
    return details;
  }

  onRemove() {
    this._links = [];
    this._range = null;
    this._container = null;
  }

  setWindow(startDay, endDay) {
    this.options.startDay = startDay;
    this.options.endDay = endDay;
    if (!this._range) return this;
    const from = formatDate(new Date(startDay * DAY_MS));
    const to = formatDate(new Date(endDay * DAY_MS));
    this._range.textContent =
      startDay === endDay
        ? interpolate(gettext('Published events of %(date)s'), {date: to})
        : interpolate(gettext('Published events from %(start)s to %(end)s'), {start: from, end: to});
    for (const {link, url} of this._links) link.href = windowUrl(url, startDay, endDay);
    return this;
  }
}

withDefaults(DownloadControl, {
  position: 'topright',
  // {csv, geojson, gpkg}: the export URLs of the conflict (from the page's map configuration).
  urls: {},
  licence: '',
  startDay: 0,
  endDay: 0,
  formats: [
    {key: 'csv', label: gettext_noop('CSV (ACLED columns)')},
    {key: 'geojson', label: gettext_noop('GeoJSON')},
    {key: 'gpkg', label: gettext_noop('GeoPackage')},
  ],
});
