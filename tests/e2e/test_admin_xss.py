"""The XSS corpus in every text field never runs in the admin or on the corrections pages (real Chromium)."""

import pytest

from geodata.models import Claim
from tests.helpers.browser import login, offline_page
from tests.helpers.xss import seed_xss


@pytest.mark.django_db(transaction=True)
def test_the_corpus_never_runs_in_the_admin_or_the_corrections_pages(live_server, browser, django_user_model):
    # A transactional test starts from an empty database (no groups): a superuser does it all.
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    seeded = seed_xss(chief)
    page, problems = offline_page(browser, live_server)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective));"
    )
    login(page, live_server, "chief", "a long enough password")
    urls = [
        *[f"/admin/geodata/{m}/" for m in ("event", "controlchange", "claim", "place", "party", "source",
                                            "conflict", "correction")],
        *[f"/admin/geodata/{o._meta.model_name}/{o.pk}/change/" for o in (seeded.draft_event, seeded.draft_change,
                                                                           seeded.event, seeded.change,
                                                                           seeded.place, seeded.conflict)],
        f"/admin/geodata/claim/{Claim.objects.first().pk}/change/",
        f"/admin/geodata/event/{seeded.event.pk}/history/",
        f"/admin/geodata/event/{seeded.event.pk}/history/{seeded.event.history_events.first().pgh_id}/revert/",
        "/corrections/",
        f"/conflicts/{seeded.conflict.slug}/corrections/",
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
