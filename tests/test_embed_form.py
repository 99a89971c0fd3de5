"""EmbedForm: the embed's parameters read by the API's field classes, bad values falling back to the initial value."""

import dataclasses
import datetime

import pytest
from django.http import QueryDict

from geodata.embed import params as embed_params
from geodata.embed.forms import EmbedForm
from geodata.filtersets import EventFilterSet, PlaceFilterSet
from geodata.public import public_events, public_places

pytestmark = pytest.mark.django_db

FIRST, LAST = datetime.date(2020, 9, 27), datetime.date(2020, 12, 1)  # the demo conflict's dates


def cleaned(demo, query):
    form = EmbedForm(QueryDict(query), demo)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "name, value, initial",
    [
        ("start", "2020-13-45", FIRST),
        ("start", "2019-01-01", FIRST),
        ("start", "20200928", FIRST),  # YYYY-MM-DD only, as in the API
        ("end", "soon", LAST),
        ("end", "2030-01-01", LAST),
        ("date", "2020-10-3", LAST),
        ("window", "a week", 7),
        ("window", "1e1", 7),  # decimals only, as on the map page
        ("center", "91,0", None),
        ("center", "40.1,46.8,3", None),
        ("center", "nan,0", None),
        ("zoom", "abc", None),
        ("layers", "satellite", ("places", "events", "territory")),
        ("controls", "joystick", ("slider",)),
        ("controls", "none,slider", ("slider",)),  # "none" only on its own
        ("type", "Armed clash", ()),  # a sub-event type: the embed filters by event type
        ("party", "martians", ()),
        ("status", "rumoured", ()),
        ("theme", "neon", "auto"),
        ("lang", "xx", "en"),
    ],
)
def test_it_falls_back_to_the_fields_initial_value_and_logs_it(demo, caplog, name, value, initial):
    form = cleaned(demo, f"{name}={value}")
    assert form.initial_value(name) == initial
    assert form.cleaned_data[name] == initial
    assert name in form.errors  # the field's own validation refused it
    with caplog.at_level("WARNING", logger="geodata.embed"):
        embed_params.parse(QueryDict(f"{name}={value}"), demo)
    records = [r for r in caplog.records if r.name == "geodata.embed"]
    assert len(records) == 1, caplog.text
    assert records[0].levelname == "WARNING"
    assert records[0].getMessage().startswith(f"embed {demo.slug}: {name}")
    assert value.split(",")[0] in records[0].getMessage()


def test_it_falls_back_for_every_bad_value_at_once_and_is_never_refused(demo, caplog):
    query = "&".join(
        ["date=x", "start=y", "end=z", "window=-", "center=a,b", "zoom=9x", "layers=x", "controls=y",
         "type=z", "party=w", "status=v", "theme=u", "lang=t", "utm_source=news"]
    )
    with caplog.at_level("WARNING", logger="geodata.embed"):
        params = embed_params.parse(QueryDict(query), demo)
    assert len(params.problems) == 14
    assert len([r for r in caplog.records if r.name == "geodata.embed"]) == 14
    default = embed_params.parse(QueryDict(), demo, log=False)
    assert params == dataclasses.replace(default, problems=params.problems)
    assert params.query_string(demo) == ""  # canonical URLs (and oEmbed) drop what fell back


def test_it_logs_nothing_when_asked_not_to(demo, caplog):
    with caplog.at_level("WARNING", logger="geodata.embed"):
        params = embed_params.parse(QueryDict("zoom=abc"), demo, log=False)
    assert params.problems and not caplog.records


@pytest.mark.parametrize(
    "name, value, clamped, problem",
    [
        ("date", "1999-01-01", FIRST, "date=1999-01-01 is outside 2020-09-27..2020-12-01; using 2020-09-27"),
        ("date", "2030-01-01", LAST, "date=2030-01-01 is outside 2020-09-27..2020-12-01; using 2020-12-01"),
        ("window", "0", 1, "window=0 is outside 1..90; using 1"),
        ("window", "91", 90, "window=91 is outside 1..90; using 90"),
        ("zoom", "1", 2, "zoom=1 is outside 2..18; using 2"),  # below LEAFLET_CONFIG MIN_ZOOM
        ("zoom", "40", 18, "zoom=40 is outside 2..18; using 18"),
        ("zoom", "17.5", 18, None),  # rounded half up, not to even
        ("window", "2.49", 2, None),
    ],
)
def test_it_clamps_out_of_range_dates_and_numbers_into_their_range(demo, name, value, clamped, problem):
    """As the map page does (tests/fixtures/view_state_cases.json has the full set)."""
    form = cleaned(demo, f"{name}={value}")
    assert form.cleaned_data[name] == clamped and name not in form.errors
    assert form.problems == ([problem] if problem else [])


def test_it_clamps_the_date_into_the_cleaned_range(demo):
    form = cleaned(demo, "end=2020-10-20&date=2020-10-25")
    assert form.cleaned_data["date"] == datetime.date(2020, 10, 20)
    assert form.problems == ["date=2020-10-25 is outside 2020-09-27..2020-10-20; using 2020-10-20"]


def test_none_is_nothing_chosen_and_shows_no_events(demo):
    params = embed_params.parse(QueryDict("type=none&party=armenia,none"), demo, log=False)
    assert (params.types, params.parties, params.problems) == (("none",), ("armenia", "none"), ())
    assert params.nothing_chosen
    assert embed_params.parse(QueryDict("party=armenia,none"), demo, log=False).nothing_chosen is False


def test_it_uses_the_conflicts_range_when_start_is_after_end(demo):
    form = cleaned(demo, "start=2020-10-05&end=2020-10-01")
    assert (form.cleaned_data["start"], form.cleaned_data["end"]) == (FIRST, LAST)
    assert form.problems == ["start 2020-10-05 is after end 2020-10-01; using the conflict's range 2020-09-27..2020-12-01"]


def test_it_keeps_the_good_values_of_a_repeatable_parameter(demo, caplog):
    form = cleaned(demo, "party=azerbaijan,martians&party=nk-authorities&type=Battles&type=Picnic&status=claimed,x")
    assert form.cleaned_data["party"] == ("azerbaijan", "nk-authorities")
    assert form.cleaned_data["type"] == ("Battles",)
    assert form.cleaned_data["status"] == ("claimed",)
    assert form.problems == [
        "type: unknown value(s) 'Picnic' ignored",
        "party: unknown value(s) 'martians' ignored",
        "status: unknown value(s) 'x' ignored",
    ]


def test_it_parses_good_values(demo):
    params = embed_params.parse(
        QueryDict(
            "date=2020-10-03&start=2020-10-01&end=2020-10-20&window=30&center=40.1,46.8&zoom=9&layers=events"
            "&controls=timeline,slider&type=Battles,Explosions/Remote%20violence&party=nk-authorities&party=azerbaijan"
            "&status=claimed&theme=dark&lang=en"
        ),
        demo,
    )
    assert params == embed_params.EmbedParams(
        date=datetime.date(2020, 10, 3), start=datetime.date(2020, 10, 1), end=datetime.date(2020, 10, 20),
        window=30, center=(40.1, 46.8), zoom=9, layers=("events",), types=("Battles", "Explosions/Remote violence"),
        parties=("nk-authorities", "azerbaijan"), statuses=("claimed",), controls=("timeline", "slider"),
        theme="dark", lang="en", problems=(),
    )


def test_it_reads_defaults_from_an_empty_query_and_empty_values(demo):
    default = embed_params.parse(QueryDict(), demo)
    assert default == embed_params.parse(QueryDict("date=&start=&window=&layers=&controls=&theme=&type=,"), demo)
    assert (default.date, default.start, default.end, default.window) == (LAST, FIRST, LAST, 7)
    assert (default.layers, default.controls, default.theme, default.lang) == (("places", "events", "territory"), ("slider",), "auto", "en")
    assert (default.center, default.zoom, default.types, default.parties, default.statuses) == (None, None, (), (), ())


def test_it_reads_controls_none_as_no_controls(demo):
    params = embed_params.parse(QueryDict("controls=none"), demo)
    assert params.controls == () and not params.problems
    assert params.query_string(demo) == "controls=none"


def test_it_strips_values_and_accepts_plain_dicts(demo):
    params = embed_params.parse({"theme": " dark ", "type": ["Battles", " Protests "], "zoom": "9"}, demo)
    assert (params.theme, params.types, params.zoom, params.problems) == ("dark", ("Battles", "Protests"), 9, ())


@pytest.mark.parametrize(
    "name, filterset, filter_name",
    [
        ("start", EventFilterSet, "start"),
        ("end", EventFilterSet, "end"),
        ("date", PlaceFilterSet, "date"),
        ("type", EventFilterSet, "type"),
        ("party", EventFilterSet, "party"),
        ("status", EventFilterSet, "status"),
    ],
)
def test_it_uses_the_same_field_classes_as_the_api_filtersets(demo, name, filterset, filter_name):
    form = EmbedForm(QueryDict(), demo)
    api_filter = filterset.base_filters[filter_name]
    assert type(form.fields[name]) is api_filter.field_class
    queryset = public_events() if filterset is EventFilterSet else public_places()
    api_field = filterset(queryset=queryset).form.fields[filter_name]
    assert type(form.fields[name]) is type(api_field)
    assert type(form.fields[name].widget) is type(api_field.widget)


def test_it_offers_the_api_status_choices_and_the_event_types_of_the_api_type_filter(demo):
    form = EmbedForm(QueryDict(), demo)
    api = EventFilterSet(queryset=public_events()).form.fields
    assert list(form.fields["status"].choices) == list(api["status"].choices)
    api_types = {value for value, _label in api["type"].choices}
    assert {value for value, _label in form.fields["type"].choices} < api_types


def test_it_offers_only_the_conflicts_parties(demo):
    from tests.helpers import factories as f

    f.party(name="Elsewhere", slug="elsewhere")  # a party of no conflict: the API knows it, the embed does not
    assert EventFilterSet({"conflict": demo.slug, "party": "elsewhere"}, queryset=public_events()).is_valid()
    form = cleaned(demo, "party=elsewhere,azerbaijan")
    assert form.cleaned_data["party"] == ("azerbaijan",)
    assert form.problems == ["party: unknown value(s) 'elsewhere' ignored"]
