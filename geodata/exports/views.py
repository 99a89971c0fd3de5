"""GET /exports/<slug>.<fmt>?start=&end= : published events of a conflict as ACLED CSV or GeoJSON.

`location` is the place's canonical (English) name, as ACLED writes it, so an export imports back
onto the same places; `location_hy`, `location_az` and `location_ru` are its labels in those
languages (docs/place-names.md), from the same SQL function as the API's and the tiles' labels.
"""

import csv
import io
import json
import subprocess
import tempfile
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..httpcache import cache_public
from ..placenames import LANGUAGES, PlaceLabel
from ..public import public_conflicts, public_export_events

# Marked for translation where it is shown (the map's Download control); the X-Licence header stays English.
LICENCE = gettext_noop("Published records of conflictmap; every figure is a claim by the named claimant. "
           "Licence: CC BY 4.0; events coded by ACLED are subject to ACLED's terms (acleddata.com).")
# The labels in the languages other than English (the canonical name is `location`).
LABEL_LANGUAGES = [language for language in LANGUAGES if language != "en"]
LABEL_COLUMNS = [f"location_{language}" for language in LABEL_LANGUAGES]
COLUMNS = [
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
    "actor2", "inter2", "civilian_targeting", "location", *LABEL_COLUMNS, "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities", "timestamp",
]
INTER = {"state_forces": "1", "non_state_group": "2", "international": "8"}


def _fatalities(claims):
    totals = [(civilians or 0) + (combatants or 0) for _event, stance, civilians, combatants, _outlet in claims
              if stance == "asserts" and (civilians is not None or combatants is not None)]
    return min(totals) if totals else 0  # the lowest asserted figure; never a sum across claims


def _row(event, claims):
    """The export's columns of one event (a row of public_export_events) and its published claims."""
    perpetrator_kind, target_kind = event["perpetrator__kind"], event["target__kind"]
    return {
        "event_id_cnty": event["external_id"] or f"CM{event['id']}",
        "event_date": event["date"].strftime("%d %B %Y"), "time_precision": event["time_precision"],
        "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
        "actor1": event["perpetrator__name"] or "",
        "inter1": INTER.get(perpetrator_kind, "7") if perpetrator_kind else "",
        "actor2": event["target__name"] or "",
        "inter2": INTER.get(target_kind, "7") if target_kind else "",
        "civilian_targeting": "Civilian targeting" if event["civilian_targeting"] else "",
        "location": event["place__name"] or "",
        **{column: event[column] or "" for column in LABEL_COLUMNS},
        "latitude": f"{event['latitude']:.5f}", "longitude": f"{event['longitude']:.5f}",
        "geo_precision": event["geo_precision"], "source": claims[0][4] if claims else "", "notes": event["description"],
        "fatalities": _fatalities(claims),
        "timestamp": event["upstream_timestamp"] or int(event["created_at"].timestamp()),
    }


def _rows(conflict, start, end):
    """(event row, export row) of each published event, in order; the claims are read in the same order."""
    events, claims = public_export_events(conflict, start, end, annotations={
        f"location_{language}": PlaceLabel(language, pk="place_id", name="place__name") for language in LABEL_LANGUAGES
    })
    by_event = {}
    for claim in claims.iterator(chunk_size=5000):
        by_event.setdefault(claim[0], []).append(claim)
    for event in events.iterator(chunk_size=5000):
        yield event, _row(event, by_event.pop(event["id"], ()))


def _date(text):
    if not text:
        return None
    value = parse_date(text)
    if value is None:
        raise ValueError(text)
    return value


def _geopackage(collection, layer):
    """The GeoJSON collection converted by GDAL's ogr2ogr into a GeoPackage with one `events` layer."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "events.geojson", Path(tmp) / f"{layer}.gpkg"
        source.write_text(json.dumps(collection))
        subprocess.run(["ogr2ogr", "-f", "GPKG", "-nln", "events", str(target), str(source)],
                       check=True, capture_output=True, timeout=120)
        return target.read_bytes()


@cache_public
def export(request, slug, fmt):
    conflict = public_conflicts().filter(slug=slug).first()
    if conflict is None:
        raise Http404("No such conflict.")
    try:
        start, end = (_date(request.GET.get(name)) for name in ("start", "end"))
    except ValueError:
        return HttpResponseBadRequest(_("start and end must be dates as YYYY-MM-DD."))
    if start and end and end < start:
        return HttpResponseBadRequest(_("end must not be before start."))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(row for _event, row in _rows(conflict, start, end))
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        features = [{"type": "Feature", "id": event["id"],
                     "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
                     "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")}}
                    for event, row in _rows(conflict, start, end)]
        body = {"type": "FeatureCollection", "licence": LICENCE, "features": features}
        if fmt == "gpkg":
            response = HttpResponse(_geopackage(body, slug), content_type="application/geopackage+sqlite3")
        else:
            response = HttpResponse(json.dumps(body), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    response["X-Licence"] = LICENCE
    return response
