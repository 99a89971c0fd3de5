"""Places at scale (issue 12, item 5): PlaceQuerySet.thinned(zoom) and /api/places/?zoom=.

Below PLACE_THIN_BELOW one place per PLACE_THIN_CELL_PX-pixel cell of the Web Mercator grid at that
zoom is kept, the most important first (city, region, town, village, site; then the larger area;
then the lower id); at and above it, every place. Checked against an independent computation of
each place's cell in Python."""

import math
import random

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from geodata.choices import PLACE_KIND_RANK, PLACE_THIN_BELOW, PLACE_THIN_CELL_PX
from geodata.models import Place
from tests.helpers import factories as f
from tests.helpers.api import get

pytestmark = pytest.mark.django_db

R = 6378137.0


def cell(place, zoom):
    """The place's grid cell at `zoom`, from the spherical Mercator formulas (not PostGIS)."""
    x = R * math.radians(place.point.x)
    y = R * math.log(math.tan(math.pi / 4 + math.radians(place.point.y) / 2))
    half = math.pi * R
    size = 2 * half * PLACE_THIN_CELL_PX / (256 * 2**zoom)
    return math.floor((x + half) / size), math.floor((half - y) / size)


def expected(places, zoom):
    best = {}
    for p in places:
        key = (PLACE_KIND_RANK[p.kind], -(p.area.area if p.area else 0), p.pk)
        c = cell(p, zoom)
        if c not in best or key < best[c][0]:
            best[c] = (key, p.pk)
    return {pk for _, pk in best.values()}


@pytest.fixture
def crowd():
    rng = random.Random(12)
    kinds = list(PLACE_KIND_RANK)
    places = []
    for _ in range(120):
        lon, lat = rng.uniform(45.0, 47.5), rng.uniform(39.0, 41.0)
        area = None
        if rng.random() < 0.2:
            d = rng.uniform(0.001, 0.05)
            area = MultiPolygon(Polygon.from_bbox((lon - d, lat - d, lon + d, lat + d)), srid=4326)
        places.append(f.place(lat=lat, lon=lon, kind=rng.choice(kinds), area=area))
    return places


@pytest.mark.parametrize("zoom", [2, 4, 6, 7, 8, 9])
def test_it_keeps_the_most_important_place_of_each_cell(crowd, zoom):
    kept = set(Place.objects.all().thinned(zoom).values_list("pk", flat=True))
    assert kept == expected(Place.objects.all(), zoom)
    assert len(kept) < len(crowd) or zoom >= 8


def test_it_keeps_every_place_from_the_threshold_up_and_without_a_zoom(crowd):
    everything = set(Place.objects.values_list("pk", flat=True))
    for zoom in (None, PLACE_THIN_BELOW, PLACE_THIN_BELOW + 5):
        assert set(Place.objects.all().thinned(zoom).values_list("pk", flat=True)) == everything


def test_a_city_wins_over_villages_and_a_larger_area_over_a_smaller(db):
    village = f.place(lat=40.0, lon=46.0, kind="village")
    city = f.place(lat=40.001, lon=46.001, kind="city")
    kept = set(Place.objects.filter(pk__in=[village.pk, city.pk]).thinned(6).values_list("pk", flat=True))
    assert kept == {city.pk}
    small = f.place(lat=41.0, lon=45.0, kind="town",
                    area=MultiPolygon(Polygon.from_bbox((44.99, 40.99, 45.01, 41.01)), srid=4326))
    large = f.place(lat=41.001, lon=45.001, kind="town",
                    area=MultiPolygon(Polygon.from_bbox((44.9, 40.9, 45.1, 41.1)), srid=4326))
    kept = set(Place.objects.filter(pk__in=[small.pk, large.pk]).thinned(6).values_list("pk", flat=True))
    assert kept == {large.pk}


def test_thinning_only_chooses_among_the_places_given(crowd):
    some = Place.objects.filter(kind="village")
    kept = set(some.thinned(5).values_list("pk", flat=True))
    assert kept and kept <= set(some.values_list("pk", flat=True))
    assert kept == expected(some, 5)


def test_the_api_thins_by_zoom_and_its_deltas_stay_within_the_zoom(api_client):
    c = f.conflict()
    a, b = f.party(slug="alpha"), f.party(slug="bravo")
    town = f.place(lat=40.0, lon=46.0, kind="town")
    village = f.place(lat=40.0005, lon=46.0005, kind="village")
    f.change(town, c, a, "2020-10-01")
    f.change(village, c, a, "2020-10-01")
    f.change(village, c, b, "2020-10-05")  # the village changes hands: not drawn at zoom 6
    f.change(town, c, b, "2020-10-06")
    slugs = lambda body: {feat["properties"]["slug"] for feat in body["features"]}  # noqa: E731
    _, every = get(api_client, "/api/places/", conflict=c.slug, date="2020-10-07")
    _, thin = get(api_client, "/api/places/", conflict=c.slug, date="2020-10-07", zoom=6)
    assert slugs(every) == {town.slug, village.slug} and slugs(thin) == {town.slug}
    _, near = get(api_client, "/api/places/", conflict=c.slug, date="2020-10-07", zoom=PLACE_THIN_BELOW)
    assert slugs(near) == slugs(every)
    _, moved = get(api_client, "/api/places/changes/", conflict=c.slug, **{"from": "2020-10-02", "to": "2020-10-05"},
                   zoom=6)
    assert slugs(moved) == set()
    _, moved = get(api_client, "/api/places/changes/", conflict=c.slug, **{"from": "2020-10-02", "to": "2020-10-06"},
                   zoom=6)
    assert slugs(moved) == {town.slug}


@pytest.mark.parametrize("zoom", ["2.5", "-1", "23", "x", ""])
def test_it_refuses_a_zoom_that_is_not_a_whole_number_from_0_to_22(api_client, zoom):
    c = f.conflict()
    for url, extra in (("/api/places/", {}), ("/api/places/changes/", {"from": "2020-10-01", "to": "2020-10-02"})):
        _, body = get(api_client, url, expect=400, conflict=c.slug, zoom=zoom, **extra)
        assert "zoom" in body


def test_the_map_config_gives_the_threshold(db):
    from geodata.mapconfig import map_config

    assert map_config(f.conflict())["placesThinBelow"] == PLACE_THIN_BELOW


@pytest.mark.parametrize("zoom", [2, 4, 6, 7, 8, 9, PLACE_THIN_BELOW, None])
def test_it_keeps_the_same_places_one_at_a_time(crowd, zoom):
    """kept_among (a slider step's few places, each tested against its cell) agrees with thinned()
    (the whole set ranked), for every place and for a sample tested among all the others."""
    everything = Place.objects.all()
    kept = set(everything.thinned(zoom).values_list("pk", flat=True))
    assert set(everything.kept_among(everything, zoom).values_list("pk", flat=True)) == kept
    sample = [p.pk for p in random.Random(zoom or 0).sample(crowd, 30)]
    some = Place.objects.filter(pk__in=sample)
    assert set(some.kept_among(everything, zoom).values_list("pk", flat=True)) == kept & set(sample)
    # ranked among the sample alone, a place may win a cell it loses among all
    assert set(some.kept_among(some, zoom).values_list("pk", flat=True)) == set(some.thinned(zoom).values_list("pk", flat=True))


def test_a_place_on_a_cell_edge_is_ranked_in_its_own_cell(db):
    """Places a hair either side of a cell's western edge, and one on it: each is compared with the
    places of its own cell only, in both forms."""
    zoom = 6
    half = math.pi * R
    size = 2 * half * PLACE_THIN_CELL_PX / (256 * 2**zoom)
    edge_lon = math.degrees((100 * size - half) / R)  # the edge between columns 99 and 100
    west = f.place(lat=40.0, lon=edge_lon - 1e-6, kind="city")
    on_edge = f.place(lat=40.0, lon=edge_lon, kind="village")
    east = f.place(lat=40.0, lon=edge_lon + 1e-6, kind="village")
    assert (cell(west, zoom)[0], cell(east, zoom)[0]) == (99, 100)
    everything = Place.objects.all()
    kept = set(everything.kept_among(everything, zoom).values_list("pk", flat=True))
    assert kept == set(everything.thinned(zoom).values_list("pk", flat=True))
    assert west.pk in kept and len(kept) == 2 and (east.pk in kept) != (on_edge.pk in kept)
