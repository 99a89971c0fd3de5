"""geojson.py's hand-built SQL agrees with the querysets it stands in for.

The events page reads its claims through public_claims_of_public_records() (a claim of a
public event is public when published itself) and derives the verification status in SQL
from the same pass: these tests pin both to public_claims() and with_verification().
"""

import json

import pytest
from django.test import Client

from geodata.models import Event
from geodata.public import public_claims
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db

HIDDEN = ("draft", "in_review", "withdrawn")


def features(conflict, **params):
    client = Client(HTTP_HOST="localhost")
    response = client.get("/api/events/", {"conflict": conflict.slug, "page_size": 1000, **params})
    assert response.status_code == 200, response.content[:500]
    return {feature["id"]: feature for feature in json.loads(response.content)["features"]}


def test_it_gives_the_verification_of_with_verification_for_every_combination():
    c = f.conflict()
    events = []
    # (confirmed, stances of published claims, stances of hidden claims)
    for confirmed in (False, True):
        for published in ((), ("asserts",), ("denies",), ("asserts", "denies"), ("asserts", "asserts")):
            for hidden in ((), ("denies",), ("asserts",)):
                e = f.event(c, confirmed=confirmed, confirmation_note="Seen by our reporter" if confirmed else "")
                for stance in published:
                    f.claim(e, stance=stance)
                for state, stance in zip(HIDDEN, hidden, strict=False):  # hidden is shorter: one claim per stance
                    f.claim(e, stance=stance, state=state)
                events.append(e)
    expected = dict(
        Event.objects.filter(conflict=c).with_verification(claims=public_claims()).values_list("id", "verification")
    )
    shown = features(c)
    assert {pk: feature["properties"]["verification"] for pk, feature in shown.items()} == expected
    assert set(expected.values()) == {"confirmed", "disputed", "claimed", "denied", "unsourced"}
    # The status filter (which goes through with_verification) selects the same events.
    for status in set(expected.values()):
        assert set(features(c, status=status)) == {pk for pk, value in expected.items() if value == status}


def test_it_lists_exactly_the_public_claims_of_each_event():
    c = f.conflict()
    shown_event = f.event(c)
    withdrawn_event = f.event(c)
    listed = f.claim(shown_event, summary="LISTED-CLAIM")
    for state in HIDDEN:
        f.claim(shown_event, summary=f"HIDDEN-{state}", state=state)
    # A published claim of an event that is later withdrawn: public_claims() drops it.
    f.claim(withdrawn_event, summary="CLAIM-OF-WITHDRAWN-EVENT")
    Event.objects.filter(pk=withdrawn_event.pk).update(state="withdrawn")

    client = Client(HTTP_HOST="localhost")
    bodies = [
        client.get("/api/events/", {"conflict": c.slug}).content,
        client.get(f"/api/events/{shown_event.pk}/").content,
        client.get("/api/events/", {"conflict": c.slug, "status": "claimed"}).content,
    ]
    for body in bodies:
        assert b"LISTED-CLAIM" in body
        assert b"HIDDEN-" not in body
        assert b"CLAIM-OF-WITHDRAWN-EVENT" not in body
    assert client.get(f"/api/events/{withdrawn_event.pk}/").status_code == 404
    claims = features(c)[shown_event.pk]["properties"]["claims"]
    assert [claim["id"] for claim in claims] == [listed.pk]
    assert [claim["id"] for claim in claims] == list(
        public_claims().filter(event=shown_event).order_by("id").values_list("id", flat=True)
    )


def test_it_gives_each_event_the_corrected_at_of_the_corrections_log():
    """The events page's one-pass corrected_at equals Event.objects.with_corrected_at() in every case."""
    import datetime

    from django.utils import timezone

    from geodata.models import Correction

    c = f.conflict()
    a = f.party()
    itself, via_claim, both, hidden_claim, untouched = (f.event(c) for _ in range(5))
    claims = {e: f.claim(e, a) for e in (via_claim, both, hidden_claim)}
    draft = f.claim(hidden_claim, a)
    draft.state = "draft"
    draft.save()
    Correction.log(itself, "Date fixed.")
    Correction.log(claims[via_claim], "Summary reworded.")
    early = Correction.log(both, "Place fixed.")
    Correction.objects.filter(pk=early.pk).update(date=timezone.now() - datetime.timedelta(days=3))
    Correction.log(claims[both], "Figure fixed.")
    Correction.log(draft, "Draft claim touched.")  # a correction of a hidden claim is not public

    api = {pk: feature["properties"]["corrected_at"] for pk, feature in features(c).items()}
    expected = dict(Event.objects.filter(conflict=c).with_corrected_at().values_list("pk", "corrected_at"))
    assert {pk: value and datetime.datetime.fromisoformat(value) for pk, value in api.items()} == expected
    assert expected[untouched.pk] is None and expected[hidden_claim.pk] is None
    assert expected[both.pk] > timezone.now() - datetime.timedelta(days=1)  # the later of the two
