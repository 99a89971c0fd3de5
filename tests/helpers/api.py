"""Calling the public API from tests."""

import json

import jsonschema

NK = "nagorno-karabakh-2020"  # the demo conflict's slug


def get(client, url, expect=200, **params):
    """GET `url` with `params`, assert the status is `expect`; return (response, decoded JSON body)."""
    response = client.get(url, params)
    assert response.status_code == expect, response.content[:500]
    return response, json.loads(response.content)


def openapi_to_jsonschema(schema):
    """OpenAPI 3.0 `nullable` -> JSON Schema, so jsonschema can check real responses."""
    if isinstance(schema, list):
        return [openapi_to_jsonschema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: openapi_to_jsonschema(value) for key, value in schema.items() if key != "nullable"}
    if schema.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


def check_shape(body, schema):
    jsonschema.validate(body, openapi_to_jsonschema(schema))
