// Which place names fit on the map: a data module (boxes in, ids out; no DOM).
//
// Greedy by importance: cities before towns before villages, then by name so the
// choice is stable between redraws; a name is shown only if its box overlaps no
// name already shown. The rest appear as the reader zooms in and space opens up.

export const KIND_RANK = {capital: 0, city: 1, town: 2, village: 3};
const OTHER_RANK = 4;

export function rankOf(kind) {
  return kind in KIND_RANK ? KIND_RANK[kind] : OTHER_RANK;
}

function overlaps(a, b, gap) {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

// items: [{id, kind, name, box: {left, top, right, bottom}}] in screen pixels.
// Returns the Set of ids whose names to show; `gap` keeps shown names apart.
export function visibleLabels(items, {gap = 2} = {}) {
  const ordered = [...items].sort(
    (a, b) => rankOf(a.kind) - rankOf(b.kind) || String(a.name).localeCompare(String(b.name)) || (a.id < b.id ? -1 : 1),
  );
  const shown = [];
  const ids = new Set();
  for (const item of ordered) {
    if (shown.some((box) => overlaps(box, item.box, gap))) continue;
    shown.push(item.box);
    ids.add(item.id);
  }
  return ids;
}
