"""The canary: hidden records whose every free-text field carries a unique marker.

Used by the canary tests over every public URL (tests/test_canary.py) and in the
browser (tests/e2e/test_canary_browser.py), through the `unpublished_markers` fixture.
"""

import datetime
import uuid

from django.contrib.gis.geos import MultiPolygon, Polygon

from geodata.models import Claim, ControlChange, Event, Party, Place, Source, TerritorySeries, TerritoryVersion

HIDDEN_STATES = ("draft", "in_review", "withdrawn")
DATES = ["2020-10-20", "2020-10-21", "2020-10-22"]  # the hidden records' dates


def leaks(data, body):
    """Markers and figures of hidden records found in `body` (text)."""
    return [m for m in data["markers"] if m in body] + [n for n in data["numbers"] if str(n) in body]


def seed_hidden_records(demo):
    """Draft, in-review and withdrawn events, control changes and claims, on top of the demo conflict `demo`.

    Every free-text field of every hidden record carries a unique marker string, and
    every hidden claim a unique casualty figure, so a test can assert that no public
    URL ever shows any of them. Also seeds *published* claims on hidden events and
    control changes: a claim is public only if its parent is.

    Territory: a public series with a published version from 1 October and hidden versions on
    the hidden dates (markers in their notes), a series whose only version is hidden (a marker
    in its name), and claims on both as for events (see seed_hidden_territory); and a published
    version that ended before the hidden dates (`canary-ended`), which must not be in force on them.

    Returns {"conflict", "markers": [str], "numbers": [int], "ids": {"event": [...],
    "controlchange": [...], "claim": [...], "territoryversion": [...]}, "by_record": {(model, pk): [markers]},
    "public_territory_version": pk}.
    """
    markers, numbers, by_record = [], [], {}
    ids = {"event": [], "controlchange": [], "claim": [], "territoryversion": []}
    figure = iter(range(7_770_001, 7_779_999))

    def mark(kind, state, field):
        value = f"CANARY{uuid.uuid4().hex[:10]}{kind}{state}{field}".replace("_", "")
        markers.append(value)
        return value

    def remember(obj, fields):
        key = obj._meta.model_name
        ids[key].append(obj.pk)
        by_record[(key, obj.pk)] = fields

    az, nk = Party.objects.get(slug="azerbaijan"), Party.objects.get(slug="nk-authorities")
    stepanakert, madagiz = Place.objects.get(slug="stepanakert"), Place.objects.get(slug="madagiz")
    source = Source.objects.first()
    public_event = Event.objects.published().get(external_id="NK2020-DEMO-2")
    public_change = ControlChange.objects.published().filter(place=madagiz).order_by("date").last()

    def claim(state, **target):
        fields = {f: mark("claim", state, f) for f in ("claimant_name", "claimant_role", "summary", "review_comment")}
        number = next(figure)
        numbers.append(number)
        obj = Claim.objects.create(
            state=state, claimant_party=az, source=source, stance="asserts", killed_civilians=number,
            casualties_of=nk, claimed_on=datetime.date(2020, 10, 20), **fields, **target,
        )
        remember(obj, list(fields.values()))
        return obj

    # Control changes on Stepanakert from 20 October: alternate parties so the
    # "control must change hands" trigger accepts the hidden ones in sequence.
    parties = {"draft": az, "in_review": nk, "withdrawn": az}
    for offset, state in enumerate(HIDDEN_STATES):
        fields = {f: mark("event", state, f) for f in ("external_id", "description", "confirmation_note", "review_comment")}
        fields["external_id"] = fields["external_id"][:60]
        event = Event.objects.create(
            state=state, conflict=demo, sub_event_type="Air/drone strike", date=datetime.date(2020, 10, 20 + offset),
            point=stepanakert.point, place=stepanakert, perpetrator=az, target=nk, confirmed=True, **fields,
        )
        remember(event, list(fields.values()))
        change_fields = {f: mark("controlchange", state, f) for f in ("note", "confirmation_note", "review_comment")}
        change = ControlChange.objects.create(
            state=state, place=stepanakert, conflict=demo, party=parties[state],
            date=datetime.date(2020, 10, 20 + offset), confirmed=True, **change_fields,
        )
        remember(change, list(change_fields.values()))
        claim(state, event=public_event)       # hidden claim on a public event
        claim(state, control_change=public_change)  # hidden claim on a public control change
        claim("published", event=event)        # "published" claim on a hidden event
        claim("published", control_change=change)
        claim(state, event=event)

    # Territory: the public version is a box west of Stepanakert; each hidden one would move it east
    # (and into the hidden-only series' area, which would show as an overlap) if it leaked.
    public_series = TerritorySeries.objects.create(
        conflict=demo, name="Canary held area", slug="canary-held", kind="held", party=nk
    )
    public_version = TerritoryVersion.objects.create(
        series=public_series, valid_from=datetime.date(2020, 10, 1), geometry=_box(46.60, 39.70, 46.70, 39.80),
        state="published", geometry_note="Public canary area.",
    )
    hidden_series = TerritorySeries.objects.create(
        conflict=demo, name=mark("territoryseries", "draft", "name"), slug="canary-hidden", kind="held", party=az
    )
    hidden_only = TerritoryVersion.objects.create(
        series=hidden_series, valid_from=datetime.date(2020, 10, 1), geometry=_box(46.65, 39.70, 46.90, 39.80),
        state="draft", geometry_note=mark("territoryversion", "draft", "geometrynote"),
    )
    remember(hidden_only, [hidden_series.name, hidden_only.geometry_note])
    for offset, state in enumerate(HIDDEN_STATES):
        fields = {f: mark("territoryversion", state, f) for f in ("geometry_note", "review_comment")}
        hidden = TerritoryVersion.objects.create(
            series=public_series, valid_from=datetime.date(2020, 10, 20 + offset),
            geometry=_box(46.60, 39.70, 46.80 + 0.01 * offset, 39.80), state=state, **fields,
        )
        remember(hidden, list(fields.values()))
        claim(state, territory_version=public_version)  # hidden claim on the public version
        claim("published", territory_version=hidden)  # "published" claim on a hidden version
    claim("published", territory_version=hidden_only)
    # A published version that ended on 15 October, before the hidden dates: if its end were ignored it
    # would still be in force on them, over the public canary area (an overlap of ~47 km²).
    ended_series = TerritorySeries.objects.create(
        conflict=demo, name="Canary ended area", slug="canary-ended", kind="held", party=az
    )
    TerritoryVersion.objects.create(
        series=ended_series, valid_from=datetime.date(2020, 10, 1), valid_until=datetime.date(2020, 10, 15),
        geometry=_box(46.65, 39.70, 46.90, 39.80), state="published", geometry_note="Ended canary area.",
    )
    return {"conflict": demo, "markers": markers, "numbers": numbers, "ids": ids, "by_record": by_record,
            "public_territory_version": public_version.pk}


def _box(lon0, lat0, lon1, lat1):
    ring = ((lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1), (lon0, lat0))
    return MultiPolygon(Polygon(ring, srid=4326), srid=4326)


def tile_leaks(data, content):
    """Hidden records found in the vector tile `content`: hidden event ids among the events
    layer's features, and markers or figures in any property of any layer (or the raw bytes)."""
    from tests.helpers.tiles import decode

    found = leaks(data, content.decode("latin-1"))
    hidden_events = set(data["ids"]["event"])
    for name, features in decode(content).items():
        for feature in features:
            if name == "events" and feature.get("id") in hidden_events:
                found.append(f"event {feature['id']}")
            found += leaks(data, " ".join(str(value) for value in feature["properties"].values()))
    return found
