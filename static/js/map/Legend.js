// The legend: party colours and shapes, control-status outlines, event-type
// symbols and the fading of older events. Drawn from symbols.js, like the map.

import {formatNumber, gettext, interpolate, ngettext} from '../i18n/i18n.js';
import {el, svg} from './dom.js';
import {L, withDefaults, withEvents} from './leaflet.js';
import {EVENT_TYPE_SHAPES, NO_PARTY_COLOR, STATUS_DASH, STATUS_LABELS, shapePath} from './symbols.js';
import {FILL_OPACITY, FRONT_LINE_COLOR, FRONT_LINE_WEIGHT, NEUTRAL_COLOR} from './territory.js';

function swatch(shape, attrs) {
  return svg(
    'svg',
    {width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false'},
    svg('path', {d: shapePath(shape, 10, 10, 6.5), ...attrs}),
  );
}

// The front line as the TerritoryLayer draws it: a dark line across the swatch.
function lineSwatch() {
  return svg(
    'svg',
    {width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false'},
    svg('path', {
      d: 'M2 14 L8 8 L12 12 L18 5',
      fill: 'none',
      stroke: FRONT_LINE_COLOR,
      'stroke-width': FRONT_LINE_WEIGHT,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
    }),
  );
}

// A territory fill as the TerritoryLayer draws it: light fill and edge, hatching or a neutral cross-hatch.
// Each swatch carries its own pattern (the legend may be shown without the layer).
let patternCount = 0;
function areaSwatch(color, {hatch = false, cross = false, dash = null} = {}) {
  const children = [];
  let fill = color;
  let fillOpacity = FILL_OPACITY;
  if (hatch || cross) {
    patternCount += 1;
    const id = `cm-legend-pattern-${patternCount}`;
    const lines = [svg('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: color, 'stroke-width': 2, 'stroke-opacity': 0.8})];
    if (cross) lines.push(svg('line', {x1: 0, y1: 0, x2: 6, y2: 0, stroke: color, 'stroke-width': 1.2}));
    children.push(
      svg(
        'defs',
        {},
        svg(
          'pattern',
          {id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)'},
          ...lines,
        ),
      ),
    );
    fill = `url(#${id})`;
    fillOpacity = 1;
  }
  children.push(
    svg('rect', {
      x: 2,
      y: 4,
      width: 16,
      height: 12,
      fill,
      'fill-opacity': fillOpacity,
      stroke: color,
      'stroke-width': 1.5,
      'stroke-dasharray': dash,
    }),
  );
  return svg(
    'svg',
    {width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false'},
    ...children,
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
    details.append(el('summary', {text: gettext('Legend')}));
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
        gettext('No control recorded'),
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
          interpolate(gettext('%(status)s (%(outline)s)'), {
            status: status.label,
            outline: STATUS_LABELS[status.value] ? gettext(STATUS_LABELS[status.value]) : '',
          }),
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
    const territory = o.territory
      ? [
          el('h3', {text: gettext('Territory (approximate areas)')}),
          el(
            'ul',
            {class: 'cm-legend-list cm-legend-territory'},
            o.parties.map((party) =>
              el(
                'li',
                {},
                areaSwatch(party.color),
                interpolate(gettext('Held by %(party)s'), {party: party.short_name || party.name}),
              ),
            ),
            el(
              'li',
              {},
              areaSwatch('#444444', {hatch: true, dash: '6 4'}),
              gettext('Claimed advance, hatched in the claimant’s colour'),
            ),
            el(
              'li',
              {},
              areaSwatch(NEUTRAL_COLOR, {cross: true, dash: '2 3'}),
              gettext('Contested, or held by two parties at once'),
            ),
            el(
              'li',
              {class: 'cm-legend-front-line'},
              lineSwatch(),
              gettext('Front line: where two parties’ held areas meet'),
            ),
          ),
          el('p', {
            class: 'cm-legend-note',
            text: gettext(
              'Areas are approximations drawn by conflictmap from public reporting; open one for who claims it.',
            ),
          }),
        ]
      : [];
    details.append(
      el('h3', {text: gettext('Places: controlled by')}),
      places,
      el('h3', {text: gettext('Control status')}),
      statuses,
      el('h3', {text: gettext('Events (coloured by the party reported to carry them out)')}),
      events,
      this._windowNote,
      ...territory,
    );
    this.setWindow(o.windowDays);
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    return details;
  }

  setWindow(days) {
    this.options.windowDays = days;
    if (this._windowNote) {
      this._windowNote.textContent = interpolate(
        ngettext(
          'Events of the last %(n)s day up to the date shown; older ones are fainter.',
          'Events of the last %(n)s days up to the date shown; older ones are fainter.',
          days,
        ),
        {n: formatNumber(days)},
      );
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
  territory: false,
});
