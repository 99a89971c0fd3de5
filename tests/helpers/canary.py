"""The canary: hidden records whose every free-text field carries a unique marker.

Used by the canary tests over every public URL (tests/test_canary.py) and in the
browser (tests/e2e/test_canary_browser.py), through the `unpublished_markers` fixture.
"""

import datetime
import uuid

from geodata.models import Claim, ControlChange, Event, Party, Place, Source

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

    Returns {"conflict", "markers": [str], "numbers": [int], "ids": {"event": [...],
    "controlchange": [...], "claim": [...]}, "by_record": {(model, pk): [markers]}}.
    """
    markers, numbers, by_record = [], [], {}
    ids = {"event": [], "controlchange": [], "claim": []}
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
    return {"conflict": demo, "markers": markers, "numbers": numbers, "ids": ids, "by_record": by_record}
