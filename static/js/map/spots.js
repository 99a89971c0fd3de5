// Dense spots: events drawn on top of one another. A data module (points in, groups
// and fan-out positions out; no DOM, no Leaflet).

// A grid cell's key as a number: string keys cost a slider step tens of milliseconds at 20,000
// events. Exact while |cy| < 2^26 (a layer point's cell at any zoom Leaflet reaches).
const cellKey = (cx, cy) => cx * 134217728 + cy;

// Points in square cells of `size` pixels: what lies near a point is in its cell or the eight
// around it, for any test that reaches no farther than one cell.
class CellGrid {
  constructor(size) {
    this.size = size;
    this.cells = new Map();
  }

  // The first entry of the 3 x 3 cells around (x, y) for which near(entry) holds, or null.
  find(x, y, near) {
    const cx = Math.floor(x / this.size);
    const cy = Math.floor(y / this.size);
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (const entry of this.cells.get(cellKey(cx + dx, cy + dy)) || []) if (near(entry)) return entry;
      }
    }
    return null;
  }

  add(x, y, entry) {
    const key = cellKey(Math.floor(x / this.size), Math.floor(y / this.size));
    const cell = this.cells.get(key);
    if (cell) cell.push(entry);
    else this.cells.set(key, [entry]);
  }
}

// Groups of at least `min` items whose projected points lie within `radius` pixels of
// the group's first item, in the items' order (oldest first), with the group's centre
// (the first item's point). `project(item)` gives {x, y} in pixels at the current zoom.
export function groupSpots(items, project, {radius = 4, min = 2} = {}) {
  const grid = new CellGrid(Math.max(1, radius));
  const groups = [];
  for (const item of items) {
    const p = project(item);
    const home = grid.find(p.x, p.y, (group) => (group.x - p.x) ** 2 + (group.y - p.y) ** 2 <= radius * radius);
    if (home) {
      home.items.push(item);
      continue;
    }
    const group = {x: p.x, y: p.y, items: [item]};
    groups.push(group);
    grid.add(p.x, p.y, group);
  }
  return groups.filter((group) => group.items.length >= min);
}

// Pixel offsets from the spot for `count` fanned-out symbols: a circle for a few, a
// spiral for many, so neighbours stay `spacing` pixels apart and none sits on the spot.
export function fanOffsets(count, {spacing = 22, circleMax = 9} = {}) {
  const offsets = [];
  if (count <= circleMax) {
    // The chord between neighbours is `spacing`.
    const radius = Math.max(spacing, spacing / (2 * Math.sin(Math.PI / count)));
    for (let i = 0; i < count; i += 1) {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
      offsets.push({x: radius * Math.cos(angle), y: radius * Math.sin(angle)});
    }
    return offsets;
  }
  let angle = 0;
  let radius = spacing;
  for (let i = 0; i < count; i += 1) {
    offsets.push({x: radius * Math.cos(angle), y: radius * Math.sin(angle)});
    angle += spacing / radius;
    radius += (spacing * spacing) / (2 * Math.PI * radius);
  }
  return offsets;
}

// The spots that get a count badge: largest first, none whose badge would overlap one already
// placed, at most `max`. Thousands of spots (a month of a busy front at a low zoom) would otherwise
// bury the map under badges and cost a step hundreds of milliseconds of DOM; the others' events are
// still drawn, and zooming in separates them. `box` is the badge's rectangle around the spot's
// point: {left, top, size} in pixels. Groups come from groupSpots (x, y, items).
export function badgedSpots(groups, {box = {left: -10, top: -34, size: 44}, max = 200} = {}) {
  const ranked = groups.map((group, order) => ({group, order}));
  ranked.sort((a, b) => b.group.items.length - a.group.items.length || a.order - b.order);
  const size = box.size;
  const grid = new CellGrid(size);
  const placed = [];
  for (const {group} of ranked) {
    if (placed.length >= max) break;
    const x = group.x + box.left;
    const y = group.y + box.top;
    if (grid.find(x, y, (other) => Math.abs(other.x - x) < size && Math.abs(other.y - y) < size)) continue;
    grid.add(x, y, {x, y});
    placed.push(group);
  }
  return placed;
}
