// The map's record of an event: what it draws, filters and lists, the same whether it came from
// /api/events/compact/ (columns of arrays, docs/api.md) or from a GeoJSON Feature of /api/events/.
// The full record (claims, sources, figures, description) is fetched when a popup opens.
// A data module: no DOM.
//   {id, date, lon, lat, type, subType, perpetrator, target, status, correctedAt, label}
// perpetrator and target are party slugs (or null); label is the place's display name (or null).

// Records from the compact answer: {count, id: [...], lon: [...], lat: [...], ...}.
export function recordsFromCompact(body) {
  const records = [];
  const n = body?.count ?? body?.id?.length ?? 0;
  for (let i = 0; i < n; i += 1) {
    records.push({
      id: body.id[i],
      date: body.date[i],
      lon: body.lon[i],
      lat: body.lat[i],
      type: body.type[i],
      subType: body.sub_type[i] || null,
      perpetrator: body.perpetrator[i] ?? null,
      target: body.target[i] ?? null,
      status: body.status[i],
      correctedAt: body.corrected_at[i] ?? null,
      label: body.label[i] ?? null,
    });
  }
  return records;
}

// The same record from a GeoJSON Feature (null without a point).
export function recordFromFeature(feature) {
  if (!feature?.geometry) return null;
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  return {
    id: feature.id,
    date: p.date,
    lon,
    lat,
    type: p.event_type,
    subType: p.sub_event_type || null,
    perpetrator: p.perpetrator?.slug ?? null,
    target: p.target?.slug ?? null,
    status: p.verification,
    correctedAt: p.corrected_at ?? null,
    label: p.place?.display_name ?? null,
  };
}

export function recordsFromFeatures(features) {
  return (features || []).map(recordFromFeature).filter(Boolean);
}

// An API chunk ({compact} or {features}, ApiClient.events) as records, made once per answer (the
// same array again for the same answer): every slider step hands the app its window's chunks again,
// and converting a busy chunk's 20,000 records cost each step ~3 ms for nothing.
const recordsOfAnswer = new WeakMap();

export function recordsOfChunk(chunk) {
  const answer = chunk.compact || chunk.features;
  if (!answer) return [];
  let records = recordsOfAnswer.get(answer);
  if (!records) {
    records = chunk.compact ? recordsFromCompact(chunk.compact) : recordsFromFeatures(chunk.features);
    recordsOfAnswer.set(answer, records);
  }
  return records;
}
