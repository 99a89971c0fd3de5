"""A place's history in Chromium (issue 11, item 2): the popup tells the whole control history
up to the date, a past timeline item opens the map at its own date, and a disputed change names
both the side asserting it and the side denying it, in the popup as in the timeline."""

import pytest

from geodata.models import Claim, ControlChange, Source
from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)


def dispute_madagiz(demo):
    """NK authorities deny Azerbaijan's 3 October capture of Madagiz: the change becomes disputed."""
    change = ControlChange.objects.get(place__slug="madagiz", date="2020-10-03")
    source = Source.objects.create(outlet="Armenpress", title="Denial", url="https://example.org/denial",
                                   published_on=change.date)
    Claim.objects.create(control_change=change, claimant_party=demo.parties.get(slug="nk-authorities"),
                         source=source, stance="denies", summary="Says Madagiz was not taken.", state="published")
    return change


def open_madagiz(page):
    page.locator('path[data-place="madagiz"]').click(force=True)
    history = page.locator(".leaflet-popup-content .cm-history-list")
    history.wait_for()
    return history


def test_the_popup_gives_the_whole_history_up_to_the_date(page, demo):
    dispute_madagiz(demo)
    page.goto(map_url(page, "2020-10-10"))
    wait_rendered(page, "2020-10-10")
    items = open_madagiz(page).locator("> li")
    assert items.count() == 2
    held, taken = (items.nth(i).inner_text() for i in range(2))
    assert held.startswith("NK authorities from 27 September 2020 to 3 October 2020: confirmed.")
    assert taken.startswith(
        "Azerbaijan from 3 October 2020: disputed: asserted and denied, asserted by Azerbaijan; denied by NK authorities."
    )
    assert "Ilham Aliyev" in taken and "Armenpress" in taken  # each claim and each denial, with its source
    sentence = page.inner_text(".leaflet-popup-content .cm-control")
    assert "asserted by Azerbaijan; denied by NK authorities" in sentence
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_a_past_timeline_item_opens_the_map_at_its_date(page, demo):
    dispute_madagiz(demo)
    page.goto(map_url(page, "2020-10-10"))
    wait_rendered(page, "2020-10-10")
    disputed = page.locator("button.cm-item--change", has_text="Madagiz (Sugovushan): held by Azerbaijan")
    assert "disputed, asserted by Azerbaijan; denied by NK authorities" in disputed.inner_text()

    page.locator("button.cm-item--change", has_text="Madagiz (Sugovushan): held by NK authorities").click()
    wait_rendered(page, "2020-09-27")
    page.wait_for_function("() => location.search.includes('date=2020-09-27')")
    assert page.input_value(".cm-date") == "2020-09-27"
    popup = page.locator(".leaflet-popup-content:has([data-place='madagiz'])")
    popup.locator(".cm-history-list").wait_for()
    assert "On 27 September 2020: Controlled by NK authorities since 27 September 2020" in popup.inner_text()
    assert popup.locator(".cm-history-list > li").count() == 1  # the later capture is not in the past view
    assert page.log.page_errors == [] and page.log.console_errors == []
