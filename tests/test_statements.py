"""The map's hot statements reused with new dates (geodata/api/statements.py): a reused statement is
the statement built from the real dates, text and parameters, for every order of the dates."""

import datetime
import itertools

import pytest
from django.http import QueryDict

from geodata.api import geojson, statements
from geodata.filtersets import PlaceChangesFilterSet
from geodata.models import Place
from geodata.public import public_places
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2020, 10, 1)


def built(conflict, start, end, zoom, language):
    query = QueryDict(mutable=True)
    query.update({"conflict": conflict.slug, "from": start.isoformat(), "to": end.isoformat()})
    if zoom is not None:
        query["zoom"] = str(zoom)
    filterset = PlaceChangesFilterSet(query, queryset=public_places())
    assert filterset.is_valid(), filterset.errors
    fresh = geojson.places_sql(filterset.qs, language)
    reused = statements.with_dates(
        ("test-place-changes", conflict.pk, zoom, language),
        lambda s, e: geojson.places_sql(filterset.between(filterset.queryset, s, e), language),
        start, end,
    )
    return fresh, reused


@pytest.mark.parametrize("zoom,language", [(None, "en"), (6, "ru"), (9, "hy"), (12, "az")])
def test_it_reuses_a_statement_equal_to_the_one_built_for_the_dates(world, zoom, language):
    statements.clear()
    days = [DAY, DAY + datetime.timedelta(days=1), DAY + datetime.timedelta(days=40), DAY - datetime.timedelta(days=3)]
    for start, end in itertools.product(days, repeat=2):  # forward, backward, the same day
        fresh, reused = built(world.conflict, start, end, zoom, language)
        assert (reused.text, reused.params) == (fresh.text, fresh.params), (start, end)
        assert reused.generic_plan and not fresh.generic_plan


def test_it_serves_the_same_delta_when_the_statement_is_reused(api_client, world, settings):
    settings.PUBLIC_CACHE_TIMEOUT = 0
    statements.clear()
    f.change(world.place, world.conflict, world.alpha, "2020-10-02")
    f.change(world.place, world.conflict, world.bravo, "2020-10-09")
    slug = world.conflict.slug
    answers = []
    for start, end in [("2020-10-01", "2020-10-03"), ("2020-10-01", "2020-10-03"), ("2020-10-03", "2020-10-10"),
                       ("2020-10-10", "2020-10-03"), ("2020-10-04", "2020-10-05")]:
        body = api_client.get(f"/api/places/changes/?conflict={slug}&from={start}&to={end}").json()
        answers.append([(feat["id"], (feat["properties"]["control"] or {}).get("party", {}).get("name")) for feat in body["features"]])
    assert answers == [
        [(world.place.pk, "Alpha")], [(world.place.pk, "Alpha")], [(world.place.pk, "Bravo")],
        [(world.place.pk, "Alpha")], [],
    ]


def test_a_builder_that_queries_is_refused(world):
    statements.clear()

    def querying(start, end):
        Place.objects.count()  # an answer that would be frozen into every reuse
        return geojson.SQL("SELECT %s, %s", [start, end])

    with pytest.raises(statements.BuilderQueried):
        statements.with_dates(("test-querying",), querying, DAY, DAY)


def test_it_reuses_the_timeline_statement_with_each_steps_dates(api_client, world, settings):
    """/api/control-changes/ without a cursor: built once per filters, page and size, the same list
    and count as a statement built for the dates (the paging tests cover the cursor's pages)."""
    settings.PUBLIC_CACHE_TIMEOUT = 0
    statements.clear()
    other = f.place("Other")
    for day, place, party in [("2020-10-02", world.place, world.alpha), ("2020-10-05", other, world.bravo),
                              ("2020-10-09", world.place, world.bravo), ("2020-10-12", other, world.alpha)]:
        f.change(place, world.conflict, party, day)
    slug = world.conflict.slug

    def listed(query):
        body = api_client.get(f"/api/control-changes/?conflict={slug}&{query}").json()
        return body["count"], [(c["date"], c["place"]["slug"]) for c in body["results"]]

    for query, expected in [
        ("since=2020-10-03&until=2020-10-10", (2, [("2020-10-09", world.place.slug), ("2020-10-05", other.slug)])),
        ("since=2020-10-06&until=2020-10-12", (2, [("2020-10-12", other.slug), ("2020-10-09", world.place.slug)])),
        ("since=2020-10-12&until=2020-10-12", (1, [("2020-10-12", other.slug)])),
        ("until=2020-10-04", (1, [("2020-10-02", world.place.slug)])),
        ("until=2020-10-09&page_size=1", (3, [("2020-10-09", world.place.slug)])),
        ("until=2020-10-09&page_size=1&page=2", (3, [("2020-10-05", other.slug)])),
        (f"until=2020-10-12&place={other.slug}", (2, [("2020-10-12", other.slug), ("2020-10-05", other.slug)])),
        ("since=2020-10-13", (0, [])),
    ]:
        assert listed(query) == expected, query
    # and once more, every shape now reused
    assert listed("since=2020-10-03&until=2020-10-10") == (2, [("2020-10-09", world.place.slug), ("2020-10-05", other.slug)])


def test_a_new_exact_count_cap_builds_the_timeline_statement_again(api_client, world, settings):
    """The cap is a LIMIT in the statement's text: a statement built under a low cap must not count a
    later request's rows under it."""
    settings.PUBLIC_CACHE_TIMEOUT = 0
    statements.clear()
    for day in ("2020-10-02", "2020-10-05", "2020-10-09"):
        f.change(f.place(f"Place {day}"), world.conflict, world.alpha, day)
    url = f"/api/control-changes/?conflict={world.conflict.slug}&until=2020-10-10"
    settings.API_EXACT_COUNT = 1
    assert api_client.get(url).json()["count_is_estimate"] is True
    settings.API_EXACT_COUNT = 10
    body = api_client.get(url.replace("10-10", "10-11")).json()
    assert (body["count"], body["count_is_estimate"]) == (3, False)
