"""Vector tiles (/tiles/<conflict>/<z>/<x>/<y>.mvt): decoded features, aggregation, thinning,
filters, 400s, ETag and 304. The canary over tiles is in tests/test_canary.py."""

import pytest

from tests.helpers import factories as f
from tests.helpers.tiles import decode, lonlat_of, tile_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_tile_cache():
    from django.core.cache import cache

    cache.clear()

LON, LAT = 46.6, 39.8  # in the middle of a place-grid cell at zoom 6


@pytest.fixture
def scene(world):
    """Five published events near one point over three days, a draft, and two places."""
    w = world
    events = [
        f.event(w.conflict, date=f"2020-10-0{1 + i % 3}", lon=LON + i * 0.001, lat=LAT, perpetrator=w.alpha,
                target=w.bravo, sub_event_type="Air/drone strike" if i == 0 else "Armed clash")
        for i in range(5)
    ]
    draft = f.event(w.conflict, date="2020-10-02", lon=LON, lat=LAT, state="draft")
    city = f.place("Capital", lon=LON, lat=LAT, kind="city")
    village = f.place("Hamlet", lon=LON + 0.01, lat=LAT + 0.01, kind="village")
    f.change(city, w.conflict, w.alpha, "2020-09-30")
    f.change(city, w.conflict, w.bravo, "2020-10-02", confirmed=True, confirmation_note="Seen by our reporter.")
    f.change(village, w.conflict, w.bravo, "2020-09-30")
    return {"world": w, "events": events, "draft": draft, "city": city, "village": village}


def get_tile(client, slug, z, lon=LON, lat=LAT, **params):
    response = client.get(url(slug, z, lon, lat, **params))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return response, decode(response.content)


def test_it_serves_the_window_events_as_points_at_high_zoom(api_client, scene):
    slug = scene["world"].conflict.slug
    _, layers = get_tile(api_client, slug, 12, start="2020-10-02", end="2020-10-03")
    by_id = {feature["id"]: feature for feature in layers["events"]}
    expected = {e.pk for e in scene["events"] if e.date.day in (2, 3)}
    assert set(by_id) == expected  # the draft and the 1 October events are not there
    one = by_id[scene["events"][1].pk]["properties"]
    assert one == {"date": "2020-10-02", "type": "Battles", "sub_type": "Armed clash",
                   "perpetrator": scene["world"].alpha.slug, "status": "unsourced"}


def test_it_puts_each_point_where_it_is(api_client, scene):
    slug = scene["world"].conflict.slug
    z = 14
    x, y = tile_of(LON, LAT, z)
    _, layers = get_tile(api_client, slug, z)
    event = next(feat for feat in layers["events"] if feat["id"] == scene["events"][0].pk)
    lon, lat = lonlat_of(z, x, y, *event["geometry"]["coordinates"])
    assert lon == pytest.approx(LON, abs=1e-4) and lat == pytest.approx(LAT, abs=1e-4)


def test_it_applies_the_api_filters_to_the_events_layer(api_client, scene):
    w = scene["world"]
    _, layers = get_tile(api_client, w.conflict.slug, 12, type="Air/drone strike")
    assert [feat["id"] for feat in layers["events"]] == [scene["events"][0].pk]
    _, layers = get_tile(api_client, w.conflict.slug, 12, party=w.bravo.slug, status="unsourced")
    assert len(layers["events"]) == 5
    response = api_client.get(url(w.conflict.slug, 12, LON, LAT, status="confirmed"))
    assert "events" not in decode(response.content)


def test_it_counts_events_per_cell_at_low_zoom(api_client, world):
    # 120 events in three clusters far apart (as seen at zoom 4) plus one outside the window.
    for i in range(120):
        lon = (46.0, 50.0, 54.0)[i % 3] + (i // 3) * 0.0005
        f.event(world.conflict, date="2020-10-05", lon=lon, lat=LAT)
    f.event(world.conflict, date="2020-11-05", lon=46.0, lat=LAT)
    _, layers = get_tile(api_client, world.conflict.slug, 4, lon=46.0, end="2020-10-31")
    cells = layers["events"]
    assert sum(cell["properties"]["count"] for cell in cells) == 120
    assert len(cells) == 3
    assert all(cell["properties"] == {"count": 40, "first": "2020-10-05", "last": "2020-10-05"} for cell in cells)


def test_it_thins_places_at_low_zoom_keeping_the_most_important(api_client, scene):
    slug = scene["world"].conflict.slug
    _, layers = get_tile(api_client, slug, 6, date="2020-10-03")
    assert [(p["properties"]["slug"], p["properties"]["hidden"]) for p in layers["places"]] == [
        (scene["city"].slug, 1)
    ]
    _, layers = get_tile(api_client, slug, 12, date="2020-10-03")
    assert {p["properties"]["slug"] for p in layers["places"]} == {scene["city"].slug, scene["village"].slug}


def test_it_shows_each_place_with_its_controller_at_the_date(api_client, scene):
    w = scene["world"]
    for params, controller, status in (
        ({"date": "2020-10-01"}, w.alpha.slug, "unsourced"),  # no claim on record
        ({"date": "2020-10-02"}, w.bravo.slug, "confirmed"),
        ({"end": "2020-10-01"}, w.alpha.slug, "unsourced"),  # without a date: the window's last day
    ):
        _, layers = get_tile(api_client, w.conflict.slug, 12, layers="places", **params)
        assert set(layers) == {"places"}
        city = next(p for p in layers["places"] if p["id"] == scene["city"].pk)["properties"]
        assert (city["controller"], city["status"]) == (controller, status)
        assert city["name"] == "Capital"


def test_it_answers_an_empty_tile_where_there_is_nothing(api_client, scene):
    response = api_client.get(f"/tiles/{scene['world'].conflict.slug}/10/0/0.mvt")
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    "path, field",
    [
        ("/12/0/0.mvt?start=2020-1-1", "start"),
        ("/12/0/0.mvt?start=2020-10-05&end=2020-10-01", "end"),
        ("/12/0/0.mvt?type=Nonsense", "type"),
        ("/12/0/0.mvt?party=nobody", "party"),
        ("/12/0/0.mvt?date=yesterday", "date"),
        ("/12/0/0.mvt?layers=roads", "layers"),
        ("/23/0/0.mvt", "z"),
        ("/3/8/0.mvt", "x"),
        ("/3/0/8.mvt", "x"),
    ],
)
def test_it_answers_400_with_a_message_for_a_bad_parameter(api_client, world, path, field):
    response = api_client.get(f"/tiles/{world.conflict.slug}{path}")
    assert response.status_code == 400
    body = response.json()
    assert field in body and body[field][0]


def test_it_answers_404_for_an_unknown_conflict(api_client, db):
    response = api_client.get("/tiles/no-such-conflict/1/0/0.mvt")
    assert response.status_code == 404 and "No conflict" in response.json()["detail"]


def test_it_sends_an_etag_and_answers_304_until_the_data_changes(api_client, scene):
    w = scene["world"]
    tile_url = url(w.conflict.slug, 12, LON, LAT, end="2020-10-31")
    first = api_client.get(tile_url)
    etag = first["ETag"]
    assert etag and first["Cache-Control"] == "public, max-age=60"
    again = api_client.get(tile_url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = api_client.get(url(w.conflict.slug, 12, LON, LAT, end="2020-10-30"), HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200 and other["ETag"] != etag  # another window, another tile
    scene["draft"].state = "published"
    scene["draft"].save()
    changed = api_client.get(tile_url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert scene["draft"].pk in {feat["id"] for feat in decode(changed.content)["events"]}


def test_it_gives_each_event_the_verification_status_of_the_api(api_client, world):
    """mvt.VERIFICATION (SQL) agrees with EventQuerySet.with_verification on every status."""
    from geodata.models import Event

    expected = {}
    for i, (stances, confirmed) in enumerate([
        ((), False), (("asserts",), False), (("denies",), False), (("asserts", "denies"), False),
        (("denies",), True), (("asserts",), False),
    ]):
        event = f.event(world.conflict, lon=LON + i * 0.001, lat=LAT, confirmed=confirmed,
                        confirmation_note="Seen by our reporter" if confirmed else "")
        for stance in stances:
            f.claim(event, stance=stance)
        expected[event.pk] = event
    f.claim(event, stance="denies", state="draft")  # a hidden claim does not count
    statuses = {e.pk: e.verification for e in Event.objects.with_verification().filter(pk__in=expected)}
    assert set(statuses.values()) == {"unsourced", "claimed", "denied", "disputed", "confirmed"}
    _, layers = get_tile(api_client, world.conflict.slug, 12)
    assert {feat["id"]: feat["properties"]["status"] for feat in layers["events"]} == statuses


def test_it_builds_a_tile_once_while_the_data_stay_the_same(api_client, scene, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tile_url = url(scene["world"].conflict.slug, 12, LON, LAT)
    with CaptureQueriesContext(connection) as first:
        built = api_client.get(tile_url)
    with CaptureQueriesContext(connection) as second:
        cached = api_client.get(tile_url)
    assert cached.content == built.content and cached["ETag"] == built["ETag"]
    assert any("ST_AsMVT" in q["sql"] for q in first.captured_queries)
    assert not any("ST_AsMVT" in q["sql"] for q in second.captured_queries)
    scene["draft"].state = "published"
    scene["draft"].save()  # a new data version: a new key, the tile is built again
    with CaptureQueriesContext(connection) as third:
        rebuilt = api_client.get(tile_url)
    assert any("ST_AsMVT" in q["sql"] for q in third.captured_queries)
    assert scene["draft"].pk in {feat["id"] for feat in decode(rebuilt.content)["events"]}
    settings.TILE_CACHE_SECONDS = 0  # without the cache: the version and the tile in one statement
    with CaptureQueriesContext(connection) as uncached:
        again = api_client.get(tile_url)
    assert again.content == rebuilt.content and again["ETag"] == rebuilt["ETag"]
    tile_queries = [q["sql"] for q in uncached.captured_queries if "ST_AsMVT" in q["sql"]]
    assert len(tile_queries) == 1 and "geodata_dataversion" in tile_queries[0]
    assert len(uncached.captured_queries) == 1  # the parameters were prepared by an earlier tile


def test_it_validates_a_parameter_set_once_for_all_its_tiles(api_client, scene, settings):
    """The tiles of one query string share one validation (geodata/tiles/prepared.py): after the
    first, a tile is one statement, its data version included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.TILE_CACHE_SECONDS = 0
    slug = scene["world"].conflict.slug
    get_tile(api_client, slug, 12, end="2020-10-31")
    with CaptureQueriesContext(connection) as neighbour:
        _, layers = get_tile(api_client, slug, 12, lon=LON + 0.2, end="2020-10-31")
    assert len(neighbour.captured_queries) == 1 and "ST_AsMVT" in neighbour.captured_queries[0]["sql"]
    assert layers == {}  # nothing there, and it says so rather than showing the first tile's events
    _, layers = get_tile(api_client, slug, 12, end="2020-10-31")
    assert {feat["id"] for feat in layers["events"]} == {e.pk for e in scene["events"]}


def test_it_answers_404_for_a_conflict_renamed_since_its_tiles_were_prepared(api_client, scene, settings):
    settings.TILE_CACHE_SECONDS = 0
    conflict = scene["world"].conflict
    old = conflict.slug
    get_tile(api_client, old, 12)
    conflict.slug = f"{old}-renamed"
    conflict.save()
    response = api_client.get(url(old, 12, LON, LAT))
    assert response.status_code == 404 and "No conflict" in response.json()["detail"]
    get_tile(api_client, conflict.slug, 12)


def test_it_answers_404_for_a_conflict_deleted_since_its_tiles_were_prepared(api_client, world, settings):
    settings.TILE_CACHE_SECONDS = 0
    get_tile(api_client, world.conflict.slug, 12)
    slug = world.conflict.slug
    world.conflict.delete()
    assert api_client.get(url(slug, 12, LON, LAT)).status_code == 404


def test_it_follows_a_change_of_the_conflict_dates_in_the_places_default_date(api_client, scene, settings):
    settings.TILE_CACHE_SECONDS = 0
    w = scene["world"]

    def controller():
        _, layers = get_tile(api_client, w.conflict.slug, 12, layers="places")
        return next(p for p in layers["places"] if p["id"] == scene["city"].pk)["properties"]["controller"]

    assert controller() == w.bravo.slug  # today, after the last change
    w.conflict.end_date = "2020-10-01"  # now the default date is the conflict's last day
    w.conflict.save()
    assert controller() == w.alpha.slug


def test_it_refuses_a_party_renamed_since_its_tiles_were_prepared(api_client, scene, settings):
    settings.TILE_CACHE_SECONDS = 0
    w = scene["world"]
    old = w.bravo.slug
    _, layers = get_tile(api_client, w.conflict.slug, 12, party=old)
    assert len(layers["events"]) == 5
    w.bravo.slug = f"{old}-renamed"
    w.bravo.save()
    response = api_client.get(url(w.conflict.slug, 12, LON, LAT, party=old))
    assert response.status_code == 400 and "party" in response.json()


def test_it_reports_every_bad_parameter_at_once(api_client, world):
    response = api_client.get(f"/tiles/{world.conflict.slug}/23/0/0.mvt?start=2020-1-1&layers=roads")
    assert response.status_code == 400
    assert set(response.json()) == {"z", "start", "layers"}


def test_it_applies_a_kept_bbox_filter_to_every_tile_of_its_parameter_set(api_client, scene, settings):
    settings.TILE_CACHE_SECONDS = 0
    slug = scene["world"].conflict.slug
    box = f"{LON - 0.0005},{LAT - 0.01},{LON + 0.0015},{LAT + 0.01}"  # the first two events only
    wanted = {scene["events"][0].pk, scene["events"][1].pk}
    for _ in range(2):  # the second tile reuses the compiled SQL, the bbox's geometry parameter included
        _, layers = get_tile(api_client, slug, 12, layers="events", bbox=box)
        assert {feat["id"] for feat in layers["events"]} == wanted
