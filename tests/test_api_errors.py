"""The public API's answers to bad parameters: HTTP 400 with a message per parameter, never a 500."""

import pytest

from tests.helpers.api import NK, get

pytestmark = pytest.mark.django_db


BAD_EVENT_PARAMS = [
    ({"start": "2020-10-1"}, "start", "YYYY-MM-DD"),
    ({"start": "03/10/2020"}, "start", "YYYY-MM-DD"),
    ({"end": "2020-02-30"}, "end", "YYYY-MM-DD"),
    ({"end": "yesterday"}, "end", "YYYY-MM-DD"),
    ({"start": "2020-10-05", "end": "2020-10-01"}, "end", "before start"),
    ({"bbox": "1,2,3"}, "bbox", "exactly 4 numbers"),
    ({"bbox": "1,2,3,4,5"}, "bbox", "exactly 4 numbers"),
    ({"bbox": "a,b,c,d"}, "bbox", "4 comma-separated numbers"),
    ({"bbox": "nan,1,2,3"}, "bbox", "finite"),
    ({"bbox": "1,2,inf,3"}, "bbox", "finite"),
    ({"bbox": "-Infinity,1,2,3"}, "bbox", "finite"),
    ({"bbox": "-181,1,2,3"}, "bbox", "longitudes"),
    ({"bbox": "1,-91,2,3"}, "bbox", "latitudes"),
    ({"bbox": "10,1,5,3"}, "bbox", "minlon is greater than maxlon"),
    ({"bbox": "1,10,5,3"}, "bbox", "minlat is greater than maxlat"),
    ({"type": "Shelling"}, "type", "not one of the available choices"),
    ({"type": "Battles,nonsense"}, "type", "nonsense"),
    ({"status": "rumoured"}, "status", "not one of the available choices"),
    ({"party": "nobody"}, "party", "No party with that slug"),
    ({"conflict": "no-such-war"}, "conflict", "No conflict with that slug"),
    ({"conflict": ""}, "conflict", "required"),
    ({"page_size": "0"}, "page_size", "greater than or equal to 1"),
    ({"page_size": "-5"}, "page_size", "greater than or equal to 1"),
    ({"page_size": "100000000"}, "page_size", "at most"),
    ({"page_size": "ten"}, "page_size", "whole number"),
    ({"page": "x"}, "page", "whole number"),
    ({"page": "1.5"}, "page", "whole number"),
    ({"page": "0"}, "page", "greater than or equal to 1"),
    ({"page": "99999999999999999999"}, "page", "less than or equal to"),
]


@pytest.mark.parametrize("params,field,message", BAD_EVENT_PARAMS)
def test_it_refuses_a_bad_event_parameter_with_a_message(api_client, demo, params, field, message):
    _, body = get(api_client, "/api/events/", expect=400, **{"conflict": NK, **params})
    assert list(body) == [field]
    assert message in " ".join(body[field])


def test_it_reports_every_bad_parameter_at_once(api_client, demo):
    _, body = get(api_client, "/api/events/", expect=400, conflict=NK, start="x", bbox="1", page="y")
    assert set(body) == {"start", "bbox", "page"}


@pytest.mark.parametrize(
    "url,params,field",
    [
        ("/api/places/", {}, "conflict"),
        ("/api/places/", {"conflict": NK, "date": "2020-13-01"}, "date"),
        ("/api/places/", {"conflict": "nope"}, "conflict"),
        ("/api/control-changes/", {}, "conflict"),
        ("/api/control-changes/", {"conflict": NK, "place": "atlantis"}, "place"),
        ("/api/control-changes/", {"conflict": NK, "until": "10/03/2020"}, "until"),
        ("/api/control-changes/", {"conflict": NK, "page_size": "0"}, "page_size"),
    ],
)
def test_it_refuses_bad_place_and_control_change_parameters(api_client, demo, url, params, field):
    _, body = get(api_client, url, expect=400, **params)
    assert list(body) == [field] and body[field][0]
