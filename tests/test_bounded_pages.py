"""Public pages stay small whatever the amount of data (issue 13): the embed's summary names a bounded set.

The bench (bench/bench_embed.py) measures the same at 5,000 places and 100,000 events.
"""

import datetime
import re

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from geodata.embed import summary as embed_summary
from geodata.models import ControlChange, Correction, Place
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db

PLACES = 240  # per party
START = datetime.date(2020, 9, 27)


@pytest.fixture
def crowded(world):
    """Two parties controlling PLACES places each; a few places have an area, larger with their number."""
    places = Place.objects.bulk_create(
        Place(
            name=f"Hamlet {i}", slug=f"hamlet-{i}", kind="village", point=Point(46 + i / 1000, 40, srid=4326),
            area=MultiPolygon(Polygon.from_bbox((46, 40, 46 + i / 10000, 40.01)), srid=4326) if i % 25 == 7 else None,
        )
        for i in range(2 * PLACES)
    )
    ControlChange.objects.bulk_create(
        ControlChange(
            place=place, conflict=world.conflict, party=world.alpha if i % 2 else world.bravo,
            date=START + datetime.timedelta(days=i % 30), state="published",
        )
        for i, place in enumerate(places)
    )
    return world


def named_places(html):
    return set(re.findall(r"<strong>(Hamlet \d+)</strong>", html))


def test_the_embed_summary_counts_places_by_party_and_names_only_the_important_ones(client, crowded):
    response = client.get(f"/embed/{crowded.conflict.slug}/?date=2020-12-01")
    html = response.content.decode()
    assert len(response.content) < 30 * 1024  # all 480 places listed would be several times that
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert f"Alpha : {PLACES} places" in text and f"Bravo : {PLACES} places" in text
    named = named_places(html)
    bound = 2 * (embed_summary.PLACES_PER_PARTY + embed_summary.LARGEST_PER_PARTY)
    assert embed_summary.PLACES_PER_PARTY * 2 <= len(named) <= bound
    # The largest place of each party (an area), and its most recent changes of hands.
    assert {"Hamlet 457", "Hamlet 432"} <= named  # the largest areas of Alpha (odd) and Bravo (even)
    latest = ControlChange.objects.filter(party=crowded.alpha).order_by("-date", "-id").first()
    assert latest.place.name in named
    assert f"{PLACES - len([n for n in named if int(n.split()[1]) % 2])} not listed here" in text


def test_the_embed_credits_a_bounded_number_of_outlets(client, crowded):
    change = ControlChange.objects.filter(party=crowded.alpha).first()
    for n in range(embed_summary.OUTLETS_SHOWN + 5):
        f.claim(change, crowded.alpha, source=f.source(outlet=f"Outlet {n:02d}"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(f"/embed/{crowded.conflict.slug}/").content.decode()))
    assert "Outlet 11" in text and "Outlet 12" not in text
    assert "and 5 others." in text


def test_the_corrections_page_is_paginated(client, crowded):
    change = ControlChange.objects.first()
    for n in range(130):
        Correction.log(change, f"Correction number {n}.")
    page = client.get(f"/conflicts/{crowded.conflict.slug}/corrections/").content.decode()
    assert page.count("Correction number") == 100
    assert len(page) < 60 * 1024
