// The legend: party colours and shapes, control-status outlines, event-type
// symbols and the fading of older events. Drawn from symbols.js, like the map.

import {el, svg} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';
import {EVENT_TYPE_SHAPES, NO_PARTY_COLOR, STATUS_DASH, STATUS_LABELS, shapePath} from './symbols.js';

function swatch(shape, attrs) {
  return svg(
    'svg',
    {width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false'},
    svg('path', {d: shapePath(shape, 10, 10, 6.5), ...attrs}),
  );
}

export class Legend extends L.Control {
  constructor(options) {
    super(options);
    L.setOptions(this, options);
  }

  onAdd() {
    const o = this.options;
    const details = el('details', {class: 'cm-legend cm-panel'});
    if (o.open) details.open = true;
    details.append(el('summary', {text: 'Legend'}));
    const places = el(
      'ul',
      {class: 'cm-legend-list'},
      o.parties.map((party) =>
        el(
          'li',
          {},
          swatch(o.partyShapes[party.slug], {fill: party.color, stroke: '#1b1b1b', 'stroke-width': 1.5}),
          party.name,
        ),
      ),
      el(
        'li',
        {},
        swatch('circle', {fill: '#ffffff', stroke: NO_PARTY_COLOR, 'stroke-width': 1.5, 'stroke-dasharray': '2 2'}),
        'No control recorded',
      ),
    );
    const statuses = el(
      'ul',
      {class: 'cm-legend-list'},
      o.statuses.map((status) =>
        el(
          'li',
          {},
          swatch('square', {
            fill: '#ffffff',
            stroke: '#1b1b1b',
            'stroke-width': 2,
            'stroke-dasharray': STATUS_DASH[status.value],
          }),
          `${status.label} (${STATUS_LABELS[status.value]})`,
        ),
      ),
    );
    const events = el(
      'ul',
      {class: 'cm-legend-list'},
      o.eventTypes.map((type) =>
        el(
          'li',
          {},
          swatch(EVENT_TYPE_SHAPES[type.value] || 'circle', {fill: '#444444', stroke: '#ffffff'}),
          type.label,
        ),
      ),
    );
    this._windowNote = el('p', {class: 'cm-legend-note'});
    details.append(
      el('h3', {text: 'Places: controlled by'}),
      places,
      el('h3', {text: 'Control status'}),
      statuses,
      el('h3', {text: 'Events (coloured by the party reported to carry them out)'}),
      events,
      this._windowNote,
    );
    this.setWindow(o.windowDays);
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    return details;
  }

  setWindow(days) {
    this.options.windowDays = days;
    if (this._windowNote) {
      this._windowNote.textContent = `Events of the last ${days} day${days > 1 ? 's' : ''} up to the date shown; older ones are fainter.`;
    }
  }
}

withEvents(Legend);
withDefaults(Legend, {
  position: 'bottomright',
  parties: [],
  partyShapes: {},
  statuses: [],
  eventTypes: [],
  windowDays: 7,
  open: false,
});
