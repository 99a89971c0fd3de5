"""The API against its own OpenAPI schema (/api/schema/), with every schemathesis check (issue 13).

Schemathesis reads the schema our app serves, generates requests for every operation, valid
(positive) and invalid (negative) ones, sends them through the WSGI app in-process (the demo
data loaded) and runs all its checks on each answer: no 5xx, the status documented, the body
and Content-Type as documented for that status, invalid input refused, valid input not
refused, unsupported methods answered 405...

One setting differs from schemathesis's defaults, and why: `positive_data_acceptance` also
accepts 400. Some of our rules cannot be written in OpenAPI 3.0, so a request can match the
schema and still be refused with a message: a slug that names no published record, `end`
before `start`, a bbox with min > max or out of range, `page` beyond API_MAX_OFFSET for its
page size, a cursor that was not issued by us. The reverse direction stays strict: every
request the schema calls invalid must get a 4xx (negative_data_rejection).

Bounded: SCHEMATHESIS_EXAMPLES examples per operation and mode (default 25), no shrinking,
so the file runs in well under a minute.
"""

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))

CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]},
        },
        "generation": {"mode": "all", "max-examples": EXAMPLES},
    }
)


def served_schema():
    """The schema /api/schema/ serves, built by the same generator (the test below checks they are equal)."""
    import django

    django.setup()
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def load_schema():
    from conflictmap.wsgi import application

    # JSON round trip: the generator's dict holds lazy strings and tuples.
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(served_schema(), default=str)), config=CONFIG)
    loaded.app = application
    return loaded


schema = load_schema()


@pytest.fixture
def in_test_transaction(demo):
    """The WSGI app, as Django's test client runs it: no connection closed at the end of a request
    (that would close the test's transaction and its demo data)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[phase for phase in settings.default.phases if phase.name != "shrink"],
)
def test_it_answers_as_the_schema_says(case, in_test_transaction):
    # Uncompressed: the in-process WSGI transport hands schemathesis the body as sent, and it does not
    # gunzip (compression itself is tested in tests/test_cache_http.py).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_it_documents_every_status_and_the_cursor(api_client):
    body = json.loads(api_client.get("/api/schema/", {"format": "json"}).content)
    assert body == json.loads(json.dumps(served_schema(), default=str))  # what schemathesis tests is what we serve
    for path, operations in body["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "406", "414"} <= set(responses), path
        # Not paginated, so no page past the last: the places and the compact events.
        assert "404" in responses or path.startswith("/api/places/") or path == "/api/events/compact/", path
    events = {p["name"]: p["schema"] for p in body["paths"]["/api/events/"]["get"]["parameters"]}
    assert events["cursor"]["maxLength"] == 200 and events["page_size"]["maximum"] >= 1
    assert events["page_size"]["minimum"] == 1 and events["conflict"]["maxLength"] == 100
