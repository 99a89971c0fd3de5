"""Property test: no public endpoint answers 5xx, whatever its parameters (issue 13).

For every public URL (API, embed, oEmbed, pages, exports), hypothesis draws query strings
from that endpoint's own parameter names (plus an unknown one), each value either
near-valid (dates, numbers, slugs, bboxes, URLs of ours) or arbitrary text: NUL bytes,
other scripts, brackets, percent signs, very long strings. Parsing user input must end in
an answer (200, 3xx, 400, 404...), never in an exception (the test client re-raises
it) or a 5xx; the one 5xx allowed is oEmbed's 501 for a `format` other than json, which
the oEmbed spec prescribes. Path segments (slugs, ids) are drawn the same way.

Bounded: PROPERTY_EXAMPLES examples per endpoint (default 40).
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.api import NK

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))

SEEDS = [
    "", " ", "0", "-1", "1", "2", "10", "1.5", "1e999", "nan", "inf", "99999999999999999999", "１２",
    "2020-10-03", "2020-02-30", "2020-1-5", "0000-00-00", "9999-12-31", "2020-10-03T00:00",
    NK, "nagorno-karabakh-2020,other", "armenia", "azerbaijan", "madagiz", "stepanakert",
    "Battles", "disputed", "claimed,denied", "places,events", "slider,timeline", "none", "dark", "en", "xx",
    "45.6,39.2,47.6,40.6", "47,39,46,40", "1,2,3", "1_0,2,3,4", "40.0,46.0", "40,46,7",
    "http%3A%2F%2F%5B", "http://[", "http://[::1", "http://localhost/conflicts/nagorno-karabakh-2020/?date=2020-10-03",
    "https://localhost/embed/nagorno-karabakh-2020/?date=x&zoom=99", "http://localhost:99999/", "//localhost/",
    "json", "xml", "\x00", "a\x00b", "%00", "%", "%ZZ", "[", "]", "{}", "'", '"', "<script>", "Ω≈ç√",
    "Ханкенди", "x" * 5000,
    "WyIyMDIwLTEwLTAzIiwxLCJuIl0", "WyIyMDIwLTEwLTAzIiwtMSwibiJd", "WyJ4IiwxLCJuIl0", "eyJhIjoxfQ", "====",
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
# Near-valid values of one kind, so that each parameter is mostly tried with what its parser expects.
URLS = ["http://[", "http://[::1", "https://[x]/embed/a/", "http://]", "http://a:b@[::1]:80/", "http://localhost:99999/",
        "http://localhost/conflicts/nagorno-karabakh-2020/?date=2020-10-03", "//localhost/", "localhost", "javascript:x",
        "https://localhost/embed/nagorno-karabakh-2020/?date=x&zoom=99&center=%5B", "http://localhost/embed/%00/"]
KINDS = {
    "date": ["2020-10-03", "2020-02-30", "2020-1-5", "0000-00-00", "9999-12-31", "1900-01-01", "2020-10-03T00:00"],
    "number": ["0", "-1", "1", "2", "1.5", "1e999", "nan", "99999999999999999999", "１２", "0x10"],
    "url": URLS,
    "cursor": ["WyIyMDIwLTEwLTAzIiwxLCJuIl0", "WyIyMDIwLTEwLTAzIiwtMSwibiJd", "WyJ4IiwxLCJuIl0", "eyJhIjoxfQ", "===="],
}
KIND_OF = {"start": "date", "end": "date", "until": "date", "date": "date", "page": "number", "page_size": "number",
           "window": "number", "zoom": "number", "maxwidth": "number", "maxheight": "number", "url": "url",
           "cursor": "cursor"}


def value(name):
    seeds = KINDS.get(KIND_OF.get(name), [])
    return st.one_of(st.sampled_from(seeds), st.sampled_from(SEEDS), TEXT) if seeds else st.one_of(
        st.sampled_from(SEEDS), TEXT)


API_LIST = ["conflict", "page", "page_size", "cursor"]
EVENTS = [*API_LIST, "start", "end", "bbox", "type", "party", "status"]
EMBED = ["date", "start", "end", "window", "center", "zoom", "layers", "type", "party", "status", "controls",
         "theme", "lang"]

# (URL template with {seg} for a drawn path segment, its parameter names)
ENDPOINTS = [
    ("/api/conflicts/", ["page", "page_size"]),
    ("/api/conflicts/{seg}/", []),
    ("/api/places/", ["conflict", "date", "q"]),
    ("/api/places/search/", ["conflict", "q"]),
    ("/api/events/", EVENTS),
    ("/api/events/{seg}/", []),
    ("/api/control-changes/", [*API_LIST, "place", "until"]),
    ("/api/control-changes/{seg}/", []),
    ("/api/{seg}", []),
    ("/embed/{seg}/", EMBED),
    (f"/embed/{NK}/", EMBED),
    ("/oembed", ["url", "maxwidth", "maxheight", "format"]),
    ("/", []),
    ("/conflicts/{seg}/", []),
    (f"/conflicts/{NK}/", ["date", "zoom", "center", "type", "party", "status"]),
    ("/corrections/", ["page"]),
    (f"/conflicts/{NK}/corrections/", ["page"]),
    (f"/exports/{NK}.csv", ["start", "end"]),
    (f"/exports/{NK}.geojson", ["start", "end"]),
    ("/exports/{seg}.csv", ["start", "end"]),
]

SEGMENT = st.one_of(
    st.sampled_from([NK, "1", "0", "-1", "99999999999999999999", "abc", "%00", "..", "a b", "Ω"]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/?#"), min_size=1, max_size=30),
)


def query(names):
    """[(name, value)]: each parameter of the endpoint present or not, some of them repeated."""
    values = st.fixed_dictionaries({}, optional={name: st.lists(value(name), min_size=1, max_size=2)
                                                 for name in [*names, "unknown"]})
    return values.map(lambda given: [(name, v) for name, vs in given.items() for v in vs])


@pytest.mark.parametrize(("template", "names"), ENDPOINTS, ids=[template for template, _ in ENDPOINTS])
def test_it_never_answers_5xx_to_any_parameter(demo, api_client, template, names):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(segment=SEGMENT, pairs=query(names))
    def check(segment, pairs):
        from urllib.parse import quote, urlencode

        url = template.replace("{seg}", quote(segment, safe=""))
        response = api_client.get(f"{url}?{urlencode(pairs)}" if pairs else url)
        formats = {value.strip().lower() for name, value in pairs if name == "format"} - {"", "json"}
        if template == "/oembed" and formats and response.status_code == 501:
            return  # oEmbed's own answer to a format it does not serve (json only), not an error
        assert response.status_code < 500, (url, pairs, response.status_code)

    check()


def test_it_refuses_the_unparsable_oembed_url_with_a_400(demo, api_client):
    response = api_client.get("/oembed?url=http%3A%2F%2F%5B")
    assert response.status_code == 400
    assert "not a valid URL" in response.json()["detail"]
