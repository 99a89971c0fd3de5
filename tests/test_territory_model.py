import datetime

import pytest
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.db import IntegrityError, transaction

from geodata.editorial import State
from geodata.models import Claim, Conflict, Party, Source, TerritorySeries, TerritoryVersion
from geodata.public import public_territory_versions

pytestmark = pytest.mark.django_db

SQUARE_CW = Polygon(((46.0, 39.0), (46.0, 39.1), (46.1, 39.1), (46.1, 39.0), (46.0, 39.0)), srid=4326)


@pytest.fixture
def series():
    party = Party.objects.create(name="Territory Party", short_name="TP", slug="tp", kind="state", color="#123456")
    conflict = Conflict.objects.create(
        slug="t-war", name="T war", start_date=datetime.date(2020, 9, 27), end_date=datetime.date(2020, 12, 31)
    )
    return TerritorySeries.objects.create(conflict=conflict, name="TP held", slug="tp-held", kind="held", party=party)


def version(series, day, geom=None, **kwargs):
    return TerritoryVersion.objects.create(
        series=series, valid_from=day, geometry=geom or MultiPolygon(SQUARE_CW.clone(), srid=4326), **kwargs
    )


def test_it_orients_rings_per_rfc7946_and_notes_it(series):
    v = version(series, datetime.date(2020, 10, 1))
    assert v.geometry[0].exterior_ring.is_counterclockwise
    assert "re-oriented" in v.geometry_note


def test_it_repairs_a_self_intersecting_polygon(series):
    bowtie = GEOSGeometry("MULTIPOLYGON(((46 39,46.1 39.1,46.1 39,46 39.1,46 39)))", srid=4326)
    v = version(series, datetime.date(2020, 10, 1), bowtie)
    assert v.geometry.valid
    assert "made valid" in v.geometry_note


def test_it_drops_slivers_and_duplicate_vertices(series):
    geom = GEOSGeometry(
        "MULTIPOLYGON(((46 39,46.1 39,46.1 39,46.1 39.1,46 39.1,46 39)),"
        "((47 39,47.0001 39,47.0001 39.0001,47 39)))", srid=4326
    )
    v = version(series, datetime.date(2020, 10, 1), geom)
    assert len(v.geometry) == 1
    assert "sliver" in v.geometry_note and "duplicate vertices" in v.geometry_note


def test_it_refuses_two_versions_of_a_series_on_one_day(series):
    version(series, datetime.date(2020, 10, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        version(series, datetime.date(2020, 10, 1))


def test_it_refuses_a_version_outside_the_conflict_dates(series):
    with pytest.raises(IntegrityError, match="outside the conflict"), transaction.atomic():
        version(series, datetime.date(2020, 9, 1))


def test_it_refuses_an_empty_or_invalid_polygon_written_past_the_model(series):
    v = version(series, datetime.date(2020, 10, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TerritoryVersion.objects.filter(pk=v.pk).update(geometry=GEOSGeometry("MULTIPOLYGON EMPTY", srid=4326))
    bowtie = GEOSGeometry("MULTIPOLYGON(((46 39,46.1 39.1,46.1 39,46 39.1,46 39)))", srid=4326)
    with pytest.raises(IntegrityError), transaction.atomic():
        TerritoryVersion.objects.filter(pk=v.pk).update(geometry=bowtie)


def test_it_refuses_a_party_for_a_contested_series(series):
    with pytest.raises(IntegrityError), transaction.atomic():
        TerritorySeries.objects.create(
            conflict=series.conflict, name="grey", slug="grey", kind="contested", party=series.party
        )


def test_it_publishes_only_published_versions_and_their_claims(series):
    draft = version(series, datetime.date(2020, 10, 1))
    published = version(series, datetime.date(2020, 10, 2), state=State.PUBLISHED)
    source = Source.objects.create(outlet="O", title="t", url="https://example.org/", published_on=draft.valid_from)
    for v in (draft, published):
        Claim.objects.create(territory_version=v, claimant_party=series.party, source=source, summary="s",
                             state=State.PUBLISHED)
    assert list(public_territory_versions()) == [published]
    assert list(Claim.objects.published().values_list("territory_version", flat=True)) == [published.pk]


def test_it_gives_the_version_in_force_at_a_date_with_its_edges(series):
    first = version(series, datetime.date(2020, 10, 1), state=State.PUBLISHED)
    second = version(series, datetime.date(2020, 11, 8), state=State.PUBLISHED)
    version(series, datetime.date(2020, 11, 20), state=State.WITHDRAWN)
    at = lambda day: list(TerritoryVersion.objects.published().in_force_at(day, series.conflict))  # noqa: E731
    assert at("2020-09-30") == []
    assert at("2020-11-07") == [first]
    assert at("2020-11-08") == [second]
    assert at("2020-11-25") == [second]


def test_it_measures_area_in_km2_on_the_ellipsoid(series):
    import math

    version(series, datetime.date(2020, 10, 1))  # 0.1° × 0.1° at 39.0–39.1° N
    a, f_ = 6378137.0, 1 / 298.257223563
    e = math.sqrt(f_ * (2 - f_))
    b = a * (1 - f_)

    def q(lat):  # authalic-latitude term: band area on the ellipsoid (independent of PostGIS)
        s = math.sin(math.radians(lat))
        return s / (1 - e * e * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    expected = math.radians(0.1) * b * b / 2 * (q(39.1) - q(39.0)) / 1e6
    measured = TerritoryVersion.objects.with_area_km2().get().area_km2
    assert measured == pytest.approx(expected, rel=1e-3)
    assert 90 < measured < 100
