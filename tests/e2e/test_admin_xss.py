"""The XSS corpus in every text field never runs in the admin or on the corrections pages (real Chromium)."""

import datetime
import itertools

import pytest
from django.contrib.gis.geos import Point

from geodata.models import AlternateName, Claim, Conflict, ControlChange, Correction, Event, Party, Place, Source
from tests.conftest import XSS_URLS, xss_payloads
from tests.e2e.test_admin_csp import login, offline_page

D = datetime.date(2020, 10, 3)


def seed(user):
    short = itertools.cycle([p for p in xss_payloads if "data-xss" in p and len(p) <= 40])
    markup = itertools.cycle([p for p in xss_payloads if "data-xss" in p])

    def n(limit=None):
        """The whole corpus for a text field; one markup payload (that fits) for a short field."""
        if limit is None:
            return "\n".join(xss_payloads)
        cycle = short if limit <= 60 else markup
        value = next(cycle)
        while len(value) > limit:
            value = next(cycle)
        return value

    party_a = Party.objects.create(name=n(200), short_name=n(40), slug="a", kind="state_forces", color="#112233")
    party_b = Party.objects.create(name=n(200), short_name=n(40), slug="b", kind="state_forces", color="#445566")
    conflict = Conflict.objects.create(slug="xss", name=n(200), description=n(), start_date=D)
    conflict.parties.set([party_a, party_b])
    place = Place.objects.create(name=n(200), slug="p", kind="town", point=Point(46.7, 40.3, srid=4326))
    for language in ("en", "az"):
        AlternateName.objects.create(place=place, name=n(200), language=language, used_by=n(200), in_label=True)
    source = Source.objects.create(outlet=n(200), title=n(500), url=XSS_URLS[0], published_on=D)
    Source.objects.create(outlet=n(200), title=n(500), url=XSS_URLS[1], published_on=D)
    records = []
    for state in ("draft", "published"):
        event = Event.objects.create(
            state=state, conflict=conflict, external_id=n(50) + state, sub_event_type="Armed clash", date=D,
            point=place.point, place=place, perpetrator=party_a, target=party_b, description=n(),
            confirmed=True, confirmation_note=n(), review_comment=n(),
        )
        change = ControlChange.objects.create(
            state=state, place=place, conflict=conflict, party=[party_a, party_b][len(records) // 2],
            date=D + datetime.timedelta(days=len(records)), note=n(), review_comment=n(),
        )
        for parent in ({"event": event}, {"control_change": change}):
            Claim.objects.create(
                state=state, claimant_party=party_a, claimant_name=n(200), claimant_role=n(200),
                source=source, summary=n(), review_comment=n(), **parent,
            )
        records += [event, change]
    published_event = records[2]
    Event.objects.filter(pk=published_event.pk).update(description=n())  # a history entry with a diff
    Correction.log(published_event, n(), user)
    return records, place, conflict


@pytest.mark.django_db(transaction=True)
def test_the_corpus_never_runs_in_the_admin_or_the_corrections_pages(live_server, browser, django_user_model):
    # A transactional test starts from an empty database (no groups): a superuser does it all.
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    (draft_event, draft_change, event, change), place, conflict = seed(chief)
    page, problems = offline_page(browser, live_server)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective));"
    )
    login(page, live_server, "chief", "a long enough password")
    urls = [
        *[f"/admin/geodata/{m}/" for m in ("event", "controlchange", "claim", "place", "party", "source",
                                            "conflict", "correction")],
        *[f"/admin/geodata/{o._meta.model_name}/{o.pk}/change/" for o in (draft_event, draft_change, event, change,
                                                                           place, conflict)],
        f"/admin/geodata/claim/{Claim.objects.first().pk}/change/",
        f"/admin/geodata/event/{event.pk}/history/",
        f"/admin/geodata/event/{event.pk}/history/{event.history_events.first().pgh_id}/revert/",
        "/corrections/",
        f"/conflicts/{conflict.slug}/corrections/",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        # Escaped payloads are text; an unescaped one would be an element with data-xss (even where
        # the CSP stopped its script), so this fails on an escaping bug whatever the CSP does.
        assert page.query_selector("[data-xss]") is None, f"payload became markup on {url}"
        assert page.evaluate("window.__xss") is None, url
        assert page.evaluate("window.__csp") == [], (url, page.evaluate("window.__csp"))
    assert [p for p in problems if "net::ERR_FAILED" not in p] == []
