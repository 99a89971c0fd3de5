"""Write geodata/demodata/nk2020-territory-zones.geojson: the demo's territory zones (approximate).

The zones are drawn by us from public reporting, not surveyed: one outline of the area held by the
Nagorno-Karabakh authorities and Armenian forces before 27 September 2020, cut into the pieces that
changed hands on one date. Each zone is cut from what is left of the outline, so neighbouring zones share
their edges exactly and any union of them is a clean polygon (coordinates are not rounded, which would
open slivers between neighbours). Run it again only to redraw:
    .venv/bin/python scripts/demo_territory_zones.py
"""

import json
import pathlib

import shapely
from shapely.geometry import LineString, Polygon, mapping

OUT = pathlib.Path(__file__).resolve().parent.parent / "geodata" / "demodata" / "nk2020-territory-zones.geojson"

# lon, lat. The pre-war line of contact and the borders with Armenia and Iran, roughly.
OUTLINE = [
    (45.60, 40.15), (45.90, 40.30), (46.30, 40.30), (46.60, 40.38), (46.80, 40.36), (46.95, 40.28),
    (47.05, 40.10), (47.12, 39.95), (47.15, 39.75), (47.25, 39.58), (47.30, 39.42), (47.10, 39.26),
    (46.95, 39.15), (46.75, 38.96), (46.55, 38.88), (46.50, 39.10), (46.45, 39.40), (46.40, 39.60),
    (46.20, 39.75), (45.90, 39.85), (45.70, 39.95),
]

# Cut in this order: each takes its part of what the previous cuts left.
CUTS = [
    ("lachin-corridor", "The road from the Armenian border through Lachin to Stepanakert (5 km wide)",
     LineString([(46.38, 39.585), (46.55, 39.64), (46.64, 39.72), (46.74, 39.81)]).buffer(0.025, quad_segs=2)),
    ("sugovushan", "Sugovushan (Madagiz) and Talish, on the northern line of contact",
     Polygon([(46.62, 40.45), (47.00, 40.45), (47.00, 40.26), (46.80, 40.28), (46.62, 40.33)])),
    ("kalbajar", "Kalbajar district",
     Polygon([(45.0, 40.6), (46.50, 40.6), (46.45, 40.00), (46.30, 39.85), (45.0, 39.85)])),
    ("lachin", "Lachin district, without the corridor",
     Polygon([(45.0, 39.85), (46.30, 39.85), (46.50, 39.95), (46.62, 39.72), (46.64, 39.50), (45.0, 39.50)])),
    ("gubadli", "Gubadli district",
     Polygon([(45.0, 39.50), (46.64, 39.50), (46.72, 39.35), (46.70, 39.25), (45.0, 39.25)])),
    ("zangilan", "Zangilan district",
     Polygon([(45.0, 39.25), (46.70, 39.25), (46.80, 39.10), (46.80, 38.5), (45.0, 38.5)])),
    ("jabrayil-east", "Jabrayil and the eastern villages of its district",
     Polygon([(46.92, 39.47), (47.10, 39.47), (47.5, 39.47), (47.5, 38.8), (46.92, 38.8)])),
    ("jabrayil-west", "The western villages of Jabrayil district",
     Polygon([(46.60, 39.47), (46.92, 39.47), (46.92, 38.8), (46.60, 38.8)])),
    ("fuzuli", "Fuzuli and the villages around it",
     Polygon([(47.08, 39.47), (47.5, 39.47), (47.5, 39.75), (47.10, 39.72)])),
    ("hadrut", "Hadrut and the villages around it",
     Polygon([(46.82, 39.47), (47.08, 39.47), (47.10, 39.62), (46.95, 39.66), (46.82, 39.60)])),
    ("shusha", "Shusha and the wooded approach to it from the south",
     Polygon([(46.60, 39.47), (46.82, 39.47), (46.82, 39.60), (46.95, 39.66), (46.82, 39.72), (46.80, 39.78),
              (46.72, 39.795), (46.64, 39.78), (46.60, 39.70)])),
    ("khojavend-south", "Villages south-east of Shusha and south of Martuni",
     Polygon([(46.82, 39.72), (46.95, 39.66), (47.10, 39.62), (47.12, 39.70), (47.00, 39.73),
              (46.88, 39.77), (46.80, 39.78)])),
    ("aghdam", "The part of Aghdam district held since 1993",
     Polygon([(46.90, 40.14), (47.3, 40.14), (47.3, 39.74), (46.98, 39.80), (46.90, 39.95)])),
]


def main():
    remaining = Polygon(OUTLINE)
    assert remaining.is_valid
    features = []
    for slug, name, cut in CUTS:
        piece = remaining.intersection(cut)
        remaining = remaining.difference(cut)
        features.append((slug, name, piece))
    features.append(("nk-core", "The rest of Nagorno-Karabakh, held by its authorities after 1 December", remaining))
    out = []
    for slug, name, geom in features:
        geom = shapely.geometry.polygon.orient(geom, 1.0) if geom.geom_type == "Polygon" else geom
        assert geom.is_valid and not geom.is_empty, slug
        out.append({"type": "Feature", "id": slug, "properties": {"name": name,
                    "vertices": int(shapely.get_num_coordinates(geom))}, "geometry": mapping(geom)})
    OUT.parent.mkdir(exist_ok=True)
    doc = {"type": "FeatureCollection", "name": "nk2020-territory-zones",
           "description": "Approximate zones drawn by conflictmap from public reporting (not surveyed); "
                          "see scripts/demo_territory_zones.py.",
           "features": out}
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    for f in out:
        print(f["id"], f["geometry"]["type"], f["properties"]["vertices"])


if __name__ == "__main__":
    main()
