"""State deltas: PlaceQuerySet.changed_between and /api/places/changes/.

The property tested everywhere: the full state at A with the delta from A to B applied
equals the full state at B, for dates forward, backward, the same day, and jumps across
many changes, on timelines with drafts, withdrawn and retracted changes and places that
change hands back and forth. Randomised with fixed seeds (reproducible failures).
"""

import datetime
import random

import pytest

from geodata.models import ControlChange, Place
from geodata.public import public_control_changes, public_places
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db

DAY0 = datetime.date(2020, 9, 27)


def state(conflict, date):
    """{place id: (change id, controller id, status, since)} of the full state at `date` (public)."""
    places = public_places().in_conflict(conflict).with_controller_at(date, conflict, changes=public_control_changes())
    return {
        p.pk: (p.control_change_id, p.controller_id, p.control_status, p.controller_since) for p in places
    }


def delta(conflict, start, end):
    places = public_places().in_conflict(conflict).changed_between(start, end, conflict, changes=public_control_changes())
    return {p.pk: (p.control_change_id, p.controller_id, p.control_status, p.controller_since) for p in places}


def random_timeline(conflict, parties, seed, n_places=6, days=40):
    """Places changing hands at random dates; some changes hidden, withdrawn or retracted."""
    rng = random.Random(seed)
    for n in range(n_places):
        place = f.place(f"Place {seed}-{n}")
        owner = None
        day = rng.randrange(0, 5)
        while day < days:
            party = rng.choice([p for p in parties if p != owner])
            kind = rng.choices(["published", "draft", "withdrawn", "retracted"], weights=[6, 1, 1, 1])[0]
            if kind == "retracted":
                f.change(place, conflict, party, DAY0 + datetime.timedelta(days=day), retracted=True)
            elif kind in ("draft", "withdrawn"):
                # A hidden change must still change hands among the non-retracted, non-withdrawn ones.
                f.change(place, conflict, party, DAY0 + datetime.timedelta(days=day), state=kind)
                if kind == "draft":
                    owner = party
            else:
                confirmed = rng.choice([False, True])  # the status follows the claims, or an editor's confirmation
                f.change(place, conflict, party, DAY0 + datetime.timedelta(days=day), confirmed=confirmed,
                         confirmation_note="Checked on the ground." if confirmed else "")
                owner = party
            day += rng.choice([0, 1, 2, 5, 9])
    # A place in the conflict only through an event: never controlled, never in a delta.
    f.event(conflict, date=DAY0, place=f.place(f"Eventful {seed}"))
    return rng


def date_pairs(rng, days=40):
    """Forward, backward, the same day, one day, before the first change, and long jumps."""
    day = lambda n: DAY0 + datetime.timedelta(days=n)  # noqa: E731
    pairs = [(day(-3), day(45)), (day(45), day(-3)), (day(10), day(10)), (day(10), day(11)), (day(11), day(10)),
             (day(-10), day(-1)), (day(0), day(0)), (day(39), day(40))]
    pairs += [(day(rng.randrange(-3, days + 3)), day(rng.randrange(-3, days + 3))) for _ in range(25)]
    return pairs


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_it_turns_the_state_at_a_into_the_state_at_b(world, seed):
    parties = [world.alpha, world.bravo, f.party("Charlie")]
    rng = random_timeline(world.conflict, parties, seed)
    assert ControlChange.objects.filter(conflict=world.conflict).count() > 20
    for start, end in date_pairs(rng):
        at_start, at_end = state(world.conflict, start), state(world.conflict, end)
        changed = delta(world.conflict, start, end)
        assert {**at_start, **changed} == at_end, (start, end)
        # and nothing more than what changed: a delta is never padded with unchanged places
        assert all(at_start[pk] != at_end[pk] for pk in changed), (start, end)
        if start == end:
            assert changed == {}


def test_it_ignores_changes_that_the_public_does_not_see(world):
    f.change(world.place, world.conflict, world.alpha, "2020-10-01")
    f.change(world.place, world.conflict, world.bravo, "2020-10-05", state="draft")
    f.change(world.place, world.conflict, world.bravo, "2020-10-06", retracted=True)
    assert delta(world.conflict, "2020-10-02", "2020-10-10") == {}
    assert set(delta(world.conflict, "2020-09-30", "2020-10-10")) == {world.place.pk}


def test_it_keeps_to_the_conflict_asked_for(world):
    other = f.conflict()
    f.change(world.place, world.conflict, world.alpha, "2020-10-01")
    f.change(world.place, other, world.bravo, "2020-10-03")
    assert set(delta(world.conflict, "2020-10-02", "2020-10-04")) == set()
    assert set(delta(other, "2020-10-02", "2020-10-04")) == {world.place.pk}


def features(body):
    return {feat["id"]: feat for feat in body["features"]}


@pytest.mark.parametrize("seed", [5, 6])
def test_it_serves_deltas_that_rebuild_the_api_state(api_client, world, seed):
    rng = random_timeline(world.conflict, [world.alpha, world.bravo], seed, n_places=4)
    slug = world.conflict.slug
    for start, end in date_pairs(rng)[:12]:
        full_start = api_client.get(f"/api/places/?conflict={slug}&date={start}").json()
        full_end = api_client.get(f"/api/places/?conflict={slug}&date={end}").json()
        response = api_client.get(f"/api/places/changes/?conflict={slug}&from={start}&to={end}")
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
        body = response.json()
        assert (body["from"], body["date"]) == (start.isoformat(), end.isoformat())
        assert {**features(full_start), **features(body)} == features(full_end), (start, end)


def test_it_marks_a_place_that_nobody_controls_any_more(api_client, world):
    f.change(world.place, world.conflict, world.alpha, "2020-10-05")
    body = api_client.get(f"/api/places/changes/?conflict={world.conflict.slug}&from=2020-10-06&to=2020-10-01").json()
    assert [(feat["properties"]["slug"], feat["properties"]["control"]) for feat in body["features"]] == [
        (world.place.slug, None)
    ]


@pytest.mark.parametrize(
    "query, field",
    [("from=2020-10-01", "to"), ("to=2020-10-01", "from"), ("from=2020-13-01&to=2020-10-01", "from"),
     ("from=2020-10-01&to=soon", "to")],
)
def test_it_answers_400_for_missing_or_bad_dates(api_client, world, query, field):
    response = api_client.get(f"/api/places/changes/?conflict={world.conflict.slug}&{query}")
    assert response.status_code == 400 and field in response.json()


def test_it_needs_a_known_conflict(api_client, db):
    response = api_client.get("/api/places/changes/?conflict=nowhere&from=2020-10-01&to=2020-10-02")
    assert response.status_code == 400 and "conflict" in response.json()
    assert Place.objects.count() == 0


def test_it_prepares_the_step_statements_once_per_connection(api_client, world, settings):
    """A slider step runs the same statements with new dates: bound on the server, psycopg prepares
    them (DB_PREPARE_THRESHOLD) and PostgreSQL stops planning them on every step."""
    from django.db import connection

    settings.PUBLIC_CACHE_TIMEOUT = 0
    rng = random_timeline(world.conflict, [world.alpha, world.bravo], 7, n_places=3)
    slug = world.conflict.slug
    pairs = date_pairs(rng)[:8]
    for start, end in pairs:
        assert api_client.get(f"/api/places/changes/?conflict={slug}&from={start}&to={end}").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%json_agg(json_build_object('type', 'Feature'%"],
        )
        runs = [row[0] for row in cursor.fetchall()]
    assert runs and max(runs) == len(pairs) - settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]


@pytest.mark.django_db(transaction=True)
def test_a_connection_that_postgresql_dropped_is_replaced_before_a_step(api_client, world, settings):
    """The step's statements run on a cursor of their own (geodata/api/geojson.py): like Django's, it
    checks a persistent connection at a request's first use and replaces one the server dropped (a
    restart, a failover) instead of answering 503."""
    import psycopg
    from django.db import connection

    settings.PUBLIC_CACHE_TIMEOUT = 0
    url = f"/api/places/changes/?conflict={world.conflict.slug}&from=2020-10-01&to=2020-10-02"
    assert api_client.get(url).status_code == 200
    assert connection.health_check_enabled
    dropped = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k not in ("cursor_factory", "prepare_threshold")},
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    connection.health_check_done = False  # as at the start of a request (close_old_connections)
    # the statement's own cursor is the request's first use of the connection
    from geodata.api import geojson, statements

    sql = statements.with_dates(("test-dropped",), lambda s, e: geojson.SQL("SELECT %s::date < %s::date", [s, e]),
                                datetime.date(2020, 10, 1), datetime.date(2020, 10, 2))
    assert geojson.fetch(sql) == (True,)
    assert connection.connection.info.backend_pid != dropped
