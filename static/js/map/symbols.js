// Symbols: shapes per event type and per controlling party, outline per control
// status, fading per age. Pure data and geometry: both the canvas layers and the
// legend draw from these, so the legend always matches the map.
import {gettext_noop} from '../i18n/i18n.js';

function regular(sides, rotation = -Math.PI / 2) {
  const points = [];
  for (let i = 0; i < sides; i += 1) {
    const a = rotation + (i * 2 * Math.PI) / sides;
    points.push([Math.cos(a), Math.sin(a)]);
  }
  return points;
}

function star(spikes, inner) {
  const points = [];
  for (let i = 0; i < spikes * 2; i += 1) {
    const a = -Math.PI / 2 + (i * Math.PI) / spikes;
    const r = i % 2 ? inner : 1;
    points.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return points;
}

const W = 0.38; // half-width of the plus sign's arms
// Unit outlines (radius 1, y down). `circle` is drawn as an arc, not a polygon.
export const SHAPES = {
  circle: null,
  square: [
    [-0.85, -0.85],
    [0.85, -0.85],
    [0.85, 0.85],
    [-0.85, 0.85],
  ],
  diamond: [
    [0, -1.15],
    [1.15, 0],
    [0, 1.15],
    [-1.15, 0],
  ],
  triangle: regular(3).map(([x, y]) => [x * 1.2, y * 1.2 + 0.2]),
  triangleDown: regular(3, Math.PI / 2).map(([x, y]) => [x * 1.2, y * 1.2 - 0.2]),
  hexagon: regular(6, 0),
  star: star(5, 0.45).map(([x, y]) => [x * 1.25, y * 1.25 + 0.1]),
  plus: [
    [-W, -1],
    [W, -1],
    [W, -W],
    [1, -W],
    [1, W],
    [W, W],
    [W, 1],
    [-W, 1],
    [-W, W],
    [-1, W],
    [-1, -W],
    [-W, -W],
  ],
};

// The shapes' names (for descriptions of the symbols), marked for the catalogue.
export const SHAPE_LABELS = {
  circle: gettext_noop('circle'),
  square: gettext_noop('square'),
  diamond: gettext_noop('diamond'),
  triangle: gettext_noop('triangle'),
  triangleDown: gettext_noop('downward triangle'),
  hexagon: gettext_noop('hexagon'),
  star: gettext_noop('star'),
  plus: gettext_noop('cross'),
};

export const EVENT_TYPE_SHAPES = {
  Battles: 'plus',
  'Explosions/Remote violence': 'star',
  'Violence against civilians': 'triangle',
  'Strategic developments': 'diamond',
  Protests: 'square',
  Riots: 'hexagon',
};

// Places: one shape per party (in the conflict's party order), so control is
// readable without colour. Places nobody is recorded as holding: hollow circle.
const PARTY_SHAPE_ORDER = ['circle', 'square', 'diamond', 'triangle', 'hexagon', 'triangleDown', 'star', 'plus'];

export function partyShapes(parties) {
  const shapes = {};
  parties.forEach((party, i) => {
    shapes[party.slug] = PARTY_SHAPE_ORDER[i % PARTY_SHAPE_ORDER.length];
  });
  return shapes;
}

// Control status (derived from the claims) as outline: confirmed solid, claimed dashed,
// disputed dotted, denied dash-dot, unsourced long dashes.
export const STATUS_DASH = {confirmed: null, claimed: '5 3', disputed: '1 3', denied: '6 2 1 2', unsourced: '10 4'};
// Marked for the catalogue; the legend translates them where it shows them.
export const STATUS_LABELS = {
  confirmed: gettext_noop('solid outline'),
  claimed: gettext_noop('dashed outline'),
  disputed: gettext_noop('dotted outline'),
  denied: gettext_noop('dash-dot outline'),
  unsourced: gettext_noop('long-dash outline'),
};

export const NO_PARTY_COLOR = '#6b6b6b';

// Events fade with age: today's are opaque, the oldest in the window faint.
export function ageOpacity(ageDays, windowDays) {
  if (windowDays <= 1) return 1;
  const t = Math.min(1, Math.max(0, ageDays / (windowDays - 1)));
  return 1 - 0.75 * t;
}

// The outline of `shape` centred on (x, y) with radius r, as [{x, y}...], or null for a circle.
export function shapePoints(shape, x, y, r) {
  const unit = SHAPES[shape];
  if (!unit) return null;
  return unit.map(([dx, dy]) => ({x: x + dx * r, y: y + dy * r}));
}

// The same outline as an SVG path string (for the legend and for SVG markers).
export function shapePath(shape, x, y, r) {
  const points = shapePoints(shape, x, y, r);
  if (!points) {
    return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
  return `M${points.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join('L')}Z`;
}
