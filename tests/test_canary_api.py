"""Hidden records (draft, in review, withdrawn) never reach the API or the corrections pages.

The cross-cutting canary over every public page (map, embed, exports) runs after
the branches are merged; this one covers what exists here: the API and /corrections/.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_no_marker_reaches_the_api(unpublished_markers):
    data = unpublished_markers
    slug = data["conflict"].slug
    client = Client()
    urls = [
        "/api/conflicts/", f"/api/conflicts/{slug}/",
        f"/api/places/?conflict={slug}", f"/api/places/?conflict={slug}&date=2020-10-25",
        f"/api/events/?conflict={slug}", f"/api/events/?conflict={slug}&start=2020-10-01&end=2020-10-31",
        f"/api/control-changes/?conflict={slug}", "/corrections/", f"/conflicts/{slug}/corrections/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:500])
        body = response.content.decode()
        leaked = [m for m in data["markers"] if m in body] + [n for n in data["numbers"] if str(n) in body]
        assert leaked == [], url
    # and the public data is really there (the test would pass trivially on empty answers)
    events = client.get(f"/api/events/?conflict={slug}").json()
    assert events["count"] == 5  # the five published demo events, none of the three hidden ones
    assert "Rockets fired toward Stepanakert" in str(events)
