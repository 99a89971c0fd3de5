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

// Groups of at least `min` items whose points lie within `radius` pixels of the group's first
// item, in the items' order (oldest first), with the group's centre (the first item's point).
// `points` holds the items' pixel positions at the current zoom: [x0, y0, x1, y1, ...].
// An item goes to the first group within reach in the 3 x 3 cells of `radius` pixels around it,
// scanned column by column from the left (cx - 1, cy - 1 first), and within a cell in the groups'
// order; no two groups' centres are within `radius` of each other, so the scan order only decides
// for an item between two groups.
// Typed arrays throughout, not a Map of arrays: a step groups 20,000 points, and an object per cell
// cost it more than the grouping itself. Groups are chained per bucket; a bucket is a cell of the
// points' bounding box when that box is small (a window seen at the zoom that shows it), else a hash
// of the cell (zoomed far in, the box spans millions of cells), where a chain may hold other cells'
// groups, which the cell test skips.
export function groupSpots(items, points, {radius = 4, min = 2} = {}) {
  const n = items.length;
  const size = Math.max(1, radius);
  const reach = radius * radius;
  const cellX = new Int32Array(n);
  const cellY = new Int32Array(n);
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (let i = 0; i < n; i += 1) {
    const cx = Math.floor(points[i * 2] / size);
    const cy = Math.floor(points[i * 2 + 1] / size);
    cellX[i] = cx;
    cellY[i] = cy;
    if (i === 0 || cx < minX) minX = cx;
    if (i === 0 || cx > maxX) maxX = cx;
    if (i === 0 || cy < minY) minY = cy;
    if (i === 0 || cy > maxY) maxY = cy;
  }
  // bucket(ax, ay) = (ax * stride + ay + offset) & mask, mod 2^32 (Math.imul) so it stays an Int32.
  const rows = maxY - minY + 3; // the box and a cell around it: a neighbour of any point's cell
  const cells = (maxX - minX + 3) * rows;
  let buckets = 16;
  const dense = cells <= 4 * n;
  while (buckets < (dense ? cells : 2 * n)) buckets *= 2;
  const mask = buckets - 1;
  const stride = dense ? rows : 0x9e3779b1;
  const offset = dense ? -((minX - 1) * rows + (minY - 1)) : 0;
  const head = new Int32Array(buckets).fill(-1);
  const tail = new Int32Array(buckets);
  // Groups by number, in the order they were founded: centre, cell, the next group in its bucket, size.
  const gx = new Float64Array(n);
  const gy = new Float64Array(n);
  const gcx = new Int32Array(n);
  const gcy = new Int32Array(n);
  const next = new Int32Array(n);
  const count = new Int32Array(n);
  const groupOf = new Int32Array(n);
  let groups = 0;
  for (let i = 0; i < n; i += 1) {
    const x = points[i * 2];
    const y = points[i * 2 + 1];
    const cx = cellX[i];
    const cy = cellY[i];
    let home = -1;
    for (let ax = cx - 1; ax <= cx + 1 && home < 0; ax += 1) {
      const column = Math.imul(ax, stride) + offset;
      for (let ay = cy - 1; ay <= cy + 1 && home < 0; ay += 1) {
        for (let g = head[(column + ay) & mask]; g >= 0; g = next[g]) {
          if (gcx[g] !== ax || gcy[g] !== ay) continue;
          const dx = gx[g] - x;
          const dy = gy[g] - y;
          if (dx * dx + dy * dy <= reach) {
            home = g;
            break;
          }
        }
      }
    }
    if (home < 0) {
      home = groups;
      groups += 1;
      gx[home] = x;
      gy[home] = y;
      gcx[home] = cx;
      gcy[home] = cy;
      next[home] = -1;
      const bucket = (Math.imul(cx, stride) + offset + cy) & mask;
      if (head[bucket] === -1) head[bucket] = home;
      else next[tail[bucket]] = home;
      tail[bucket] = home;
    }
    groupOf[i] = home;
    count[home] += 1;
  }
  const spots = [];
  const spotOf = new Int32Array(groups);
  for (let g = 0; g < groups; g += 1) {
    if (count[g] >= min) {
      spotOf[g] = spots.length;
      spots.push({x: gx[g], y: gy[g], items: []});
    } else {
      spotOf[g] = -1;
    }
  }
  for (let i = 0; i < n; i += 1) {
    const k = spotOf[groupOf[i]];
    if (k >= 0) spots[k].items.push(items[i]);
  }
  return spots;
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
