"""Calling the public API from tests."""

import json

NK = "nagorno-karabakh-2020"  # the demo conflict's slug


def get(client, url, expect=200, **params):
    """GET `url` with `params`, assert the status is `expect`; return (response, decoded JSON body)."""
    response = client.get(url, params)
    assert response.status_code == expect, response.content[:500]
    return response, json.loads(response.content)
