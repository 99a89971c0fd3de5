"""The compact events answer (/api/events/compact/) read back as rows, and what it should hold."""

from geodata.api import compact


def rows(body):
    """The compact answer as one dict per event."""
    assert body["columns"] == compact.NAMES
    assert all(len(body[name]) == body["count"] for name in compact.NAMES)
    return [dict(zip(compact.NAMES, values, strict=True)) for values in zip(*(body[n] for n in compact.NAMES), strict=True)]


def from_features(features):
    """What the compact answer should hold for these GeoJSON features, oldest first."""
    expected = []
    for feature in features:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        expected.append({
            "id": feature["id"], "lon": round(lon, 5), "lat": round(lat, 5), "date": p["date"],
            "type": p["event_type"], "sub_type": p["sub_event_type"] or None,
            "perpetrator": (p["perpetrator"] or {}).get("slug"), "target": (p["target"] or {}).get("slug"),
            "status": p["verification"], "corrected_at": p["corrected_at"],
            "label": (p["place"] or {}).get("display_name"),
        })
    return sorted(expected, key=lambda row: (row["date"], row["id"]))
