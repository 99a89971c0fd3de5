"""GeoJSON clients ask for `Accept: application/geo+json`: the API must not answer 406."""

import pytest

from geodata.models import Conflict

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/events/", "/api/places/", "/api/control-changes/"])
def test_it_answers_geojson_clients_instead_of_406(client, path):
    Conflict.objects.create(slug="nk", name="NK", start_date="2020-09-27")
    response = client.get(path, {"conflict": "nk"}, HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200, response.content[:300]


def test_it_still_refuses_an_unknown_media_type(client):
    Conflict.objects.create(slug="nk", name="NK", start_date="2020-09-27")
    response = client.get("/api/events/", {"conflict": "nk"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
