// Finding a place by any of its names, accent- and case-insensitively. Pure.

export function normalize(text) {
  return String(text || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

// places: GeoJSON features from /api/places/. Returns [{feature, matched}] best first:
// names starting with the query before names merely containing it.
export function searchPlaces(places, query, limit = 10) {
  const q = normalize(query);
  if (!q) return [];
  const results = [];
  for (const feature of places) {
    const p = feature.properties;
    const names = [p.name, ...(p.alternate_names || []).map((alt) => alt.name)];
    let best = null;
    for (const name of names) {
      const n = normalize(name);
      const at = n.indexOf(q);
      if (at === -1) continue;
      const rank = at === 0 ? 0 : 1;
      if (!best || rank < best.rank) best = {rank, name};
    }
    if (best) results.push({feature, matched: best.name, rank: best.rank});
  }
  results.sort((a, b) => a.rank - b.rank || a.feature.properties.name.localeCompare(b.feature.properties.name));
  return results.slice(0, limit);
}
