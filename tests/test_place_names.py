"""Place names in the reader's language (docs/place-names.md): the label rule, its roles, and `names` /
`label` / `lang` in the API, the tiles, the exports and the embed. SQL against Python: test_rules_sql_python.py."""

import csv
import io
import json
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from geodata.api import schema as api_schema
from geodata.models import AlternateName, Place
from geodata.placenames import LANGUAGES, label, name_in, names
from tests.helpers import factories as f
from tests.helpers.api import check_shape, get
from tests.helpers.embed import EMBED
from tests.helpers.tiles import decode, url


def fake(name, *alternates):
    """A place as the rule sees it: a canonical name and (name, language, role) alternates."""
    rows = [SimpleNamespace(name=n, language=lang, role=role) for n, lang, role in alternates]
    return SimpleNamespace(name=name, alternate_names=SimpleNamespace(all=lambda: rows))


STEPANAKERT = [
    ("Khankendi", "en", "bracket"),
    ("Ստեփանակերտ", "hy", "primary"), ("Խանքենդի", "hy", "bracket"),
    ("Xankəndi", "az", "primary"), ("Stepanakert", "az", "bracket"),
    ("Степанакерт", "ru", "primary"), ("Ханкенди", "ru", "bracket"),
    ("Khankandi", "az-Latn", "other"),
]


def test_the_label_is_the_primary_name_then_the_other_sides_name_in_brackets():
    place = fake("Stepanakert", *STEPANAKERT)
    assert [label(place, lang) for lang in ("en", "hy", "az", "ru")] == [
        "Stepanakert (Khankendi)", "Ստեփանակերտ (Խանքենդի)", "Xankəndi (Stepanakert)", "Степанакерт (Ханкенди)",
    ]
    assert names(place) == {"en": "Stepanakert", "hy": "Ստեփանակերտ", "az": "Xankəndi", "ru": "Степанакерт"}


def test_without_a_primary_name_the_label_falls_back_to_the_canonical_name():
    place = fake("Hadrut", ("Гадрут", "ru", "other"), ("Hadrut", "az", "primary"))
    assert name_in(place, "ru") == "Hadrut" and label(place, "ru") == "Hadrut"
    assert label(fake("Lachin", ("Бердзор", "ru", "bracket")), "ru") == "Lachin (Бердзор)"


def test_a_bracket_name_equal_to_the_primary_or_of_another_language_is_left_out():
    place = fake("Hadrut", ("Hadrut", "az", "primary"), ("Hadrut", "az-Latn", "bracket"), ("Гадрут", "ru", "bracket"))
    assert label(place, "az") == "Hadrut" and label(place, "en") == "Hadrut"
    assert label(fake("Hadrut", ("Hadrut", "en", "bracket")), "en") == "Hadrut"


def test_several_bracket_names_are_joined_in_code_point_order():
    place = fake("X", ("Ωmega", "en", "bracket"), ("alpha", "en", "bracket"), ("Zulu", "en", "bracket"))
    assert label(place, "en") == "X (Zulu / alpha / Ωmega)"


@pytest.mark.django_db
def test_a_place_has_at_most_one_primary_name_per_language():
    place = f.place("Stepanakert")
    AlternateName.objects.create(place=place, name="Степанакерт", language="ru", role="primary")
    AlternateName.objects.create(place=place, name="Ханкенди", language="ru", role="bracket")
    AlternateName.objects.create(place=place, name="Xankəndi", language="az", role="primary")
    with pytest.raises(IntegrityError, match="alternate_name_one_primary"), transaction.atomic():
        AlternateName.objects.create(place=place, name="Ханкенди-2", language="ru", role="primary")
    second = AlternateName(place=place, name="Ханкенди-3", language="ru", role="primary")
    with pytest.raises(Exception, match="at most one primary name per language"):
        second.full_clean()


@pytest.fixture
def named(world):
    """Stepanakert with its names in four languages, a control change and an event there."""
    place = f.place("Stepanakert", slug="stepanakert", lon=46.7519, lat=39.8153)
    for name, language, role in STEPANAKERT:
        AlternateName.objects.create(place=place, name=name, language=language, role=role)
    change = f.change(place, world.conflict, world.alpha, "2020-10-01")
    event = f.event(world.conflict, date="2020-10-03", place=place, lon=46.7519, lat=39.8153)
    return SimpleNamespace(conflict=world.conflict, place=place, change=change, event=event)


EXPECTED = {
    "en": "Stepanakert (Khankendi)", "hy": "Ստեփանակերտ (Խանքենդի)",
    "az": "Xankəndi (Stepanakert)", "ru": "Степанакерт (Ханкенди)",
}
NAMES = {"en": "Stepanakert", "hy": "Ստեփանակերտ", "az": "Xankəndi", "ru": "Степанакерт"}


def labels_everywhere(client, named, params=None, accept=None):
    """The place as every endpoint that names it gives it, for one `lang` and / or Accept-Language."""
    slug = named.conflict.slug
    params = params or {}
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}

    def get(client, path, **query):
        response = client.get(path, query, **headers)
        assert response.status_code == 200, response.content[:300]
        return response, json.loads(response.content)

    out = []
    _, body = get(client, "/api/places/", conflict=slug, date="2020-10-03", **params)
    check_shape(body, api_schema.PLACES)
    out.append(body["features"][0]["properties"])
    _, body = get(client, "/api/places/changes/", conflict=slug, **{"from": "2020-09-01"}, to="2020-10-03", **params)
    out.append(body["features"][0]["properties"])
    _, body = get(client, "/api/events/", conflict=slug, **params)
    check_shape(body, api_schema.EVENTS)
    out.append(body["features"][0]["properties"]["place"])
    _, body = get(client, f"/api/events/{named.event.pk}/", **params)
    out.append(body["properties"]["place"])
    _, body = get(client, "/api/control-changes/", conflict=slug, **params)
    check_shape(body, api_schema.CONTROL_CHANGES)
    out.append(body["results"][0]["place"])
    _, body = get(client, f"/api/control-changes/{named.change.pk}/", **params)
    out.append(body["place"])
    _, body = get(client, "/api/places/search/", conflict=slug, q="Ханкенди", **params)
    check_shape(body, api_schema.PLACE_SEARCH)
    out.append(body["results"][0])
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_names_the_place_in_the_language_asked_for_everywhere(api_client, named, language):
    for place in labels_everywhere(api_client, named, params={"lang": language}):
        assert place["label"] == EXPECTED[language]
        assert place["names"] == NAMES
        assert place["display_name"] == EXPECTED["en"]


def test_the_api_follows_accept_language_and_lang_wins(api_client, named):
    for place in labels_everywhere(api_client, named, accept="az,ru;q=0.5"):
        assert place["label"] == EXPECTED["az"]
    for place in labels_everywhere(api_client, named, accept="az", params={"lang": "hy"}):
        assert place["label"] == EXPECTED["hy"]
    for place in labels_everywhere(api_client, named):
        assert place["label"] == EXPECTED["en"]


@pytest.mark.parametrize("value, message", [("xx", "Unknown language 'xx': use one of en, hy, az, ru."),
                                            ("", "lang is empty")])
def test_an_unknown_or_empty_lang_is_a_400_with_a_message(api_client, named, value, message):
    slug = named.conflict.slug
    for path, params in [
        ("/api/places/", {"conflict": slug}),
        ("/api/places/changes/", {"conflict": slug, "from": "2020-09-01", "to": "2020-10-03"}),
        ("/api/places/search/", {"conflict": slug, "q": "Step"}),
        ("/api/events/", {"conflict": slug}),
        (f"/api/events/{named.event.pk}/", {}),
        ("/api/control-changes/", {"conflict": slug}),
        (f"/api/control-changes/{named.change.pk}/", {}),
        (url(slug, 12, 46.7519, 39.8153), {}),
    ]:
        _, body = get(api_client, path, expect=400, lang=value, **params)
        assert message in body["lang"][0], path


def test_the_schema_documents_lang_on_every_endpoint_that_names_places(api_client, db):
    _, schema = get(api_client, "/api/schema/", format="json")
    for path in ("/api/places/", "/api/places/changes/", "/api/places/search/", "/api/events/",
                 "/api/events/{id}/", "/api/control-changes/", "/api/control-changes/{id}/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["lang"]["schema"]["enum"] == list(LANGUAGES), path


def test_the_tiles_label_places_in_the_language_asked_for(api_client, named):
    slug = named.conflict.slug
    seen = {}
    for language in LANGUAGES:
        response = api_client.get(url(slug, 12, 46.7519, 39.8153, layers="places", date="2020-10-03", lang=language))
        assert response.status_code == 200
        (place,) = decode(response.content)["places"]
        assert place["properties"]["name"] == EXPECTED[language]
        seen[language] = response["ETag"]
    response = api_client.get(url(slug, 12, 46.7519, 39.8153, layers="places", date="2020-10-03"),
                              HTTP_ACCEPT_LANGUAGE="ru")
    assert decode(response.content)["places"][0]["properties"]["name"] == EXPECTED["ru"]
    assert response["ETag"] != seen["en"]  # Accept-Language is part of the tile's ETag
    assert len(set(seen.values())) == len(LANGUAGES)


def test_the_exports_carry_the_labels_in_each_language(client, named):
    response = client.get(f"/exports/{named.conflict.slug}.csv")
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["location"] == "Stepanakert"  # ACLED's column: the canonical name, so imports match it
    assert (row["location_hy"], row["location_az"], row["location_ru"]) == (EXPECTED["hy"], EXPECTED["az"], EXPECTED["ru"])
    body = json.loads(client.get(f"/exports/{named.conflict.slug}.geojson").content)
    assert body["features"][0]["properties"]["location_ru"] == EXPECTED["ru"]


@pytest.mark.usefixtures("unhashed_static")
def test_the_embed_summary_names_places_in_its_language(client, demo, settings):
    settings.EMBED_LANGUAGES = ["en", "ru"]
    place = Place.objects.get(slug="stepanakert")
    AlternateName.objects.create(place=place, name="Степанакерт", language="ru", role="primary")
    AlternateName.objects.create(place=place, name="Ханкенди", language="ru", role="bracket")
    body = client.get(EMBED + "?date=2020-10-03&lang=ru").content.decode()
    assert "<strong>Степанакерт (Ханкенди)</strong>" in body
    config = json.loads(body.split('id="map-config" type="application/json">')[1].split("</script>")[0])
    assert config["lang"] == "ru"  # the embed's map asks the API for Russian labels
    assert "<strong>Stepanakert (Khankendi)</strong>" in client.get(EMBED + "?date=2020-10-03").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_labelled_names_english_brackets_so_english_labels_stay_the_same():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before, after = [("geodata", "0013_territory_valid_until")], [("geodata", "0014_place_name_roles")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldPlace, Name = old.get_model("geodata", "Place"), old.get_model("geodata", "AlternateName")
    place = OldPlace.objects.create(name="Stepanakert", slug="s", kind="city", point="POINT(46.75 39.81)")
    Name.objects.create(place=place, name="Khankendi", language="az-Latn", in_label=True)
    Name.objects.create(place=place, name="Xankəndi", language="az", in_label=False)
    twice = OldPlace.objects.create(name="Shusha", slug="t", kind="town", point="POINT(46.75 39.76)")
    Name.objects.create(place=twice, name="Shushi", language="hy-Latn", in_label=True)
    Name.objects.create(place=twice, name="Shushi", language="en", in_label=True)  # two tags, one English name

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = set(AlternateName.objects.values_list("place__slug", "name", "language", "role"))
    assert rows == {("s", "Khankendi", "en", "bracket"), ("s", "Xankəndi", "az", "other"), ("t", "Shushi", "en", "bracket")}
    assert Place.objects.get(slug="s").display_name == "Stepanakert (Khankendi)"
    assert Place.objects.get(slug="t").display_name == "Shusha (Shushi)"
