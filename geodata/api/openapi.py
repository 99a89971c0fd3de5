"""OpenAPI query parameters of the API, with their types and bounds, from the forms that validate them.

One definition of each parameter: the FilterSets (geodata/filtersets.py, shared with the pages)
and the page forms (PageForm, paging.KeysetPageForm) validate; this module reads their fields'
limits (max_length, min/max values, choices) so the schema says what the validation does
(tests/test_schemathesis.py holds the two together).
"""

import django_filters
from django.conf import settings
from drf_spectacular.utils import OpenApiParameter

from ..filtersets import (
    BBOX_NUMBER_PATTERN,
    PLACE_MAX_ZOOM,
    BBoxFilter,
    CSVMultipleChoiceFilter,
    ISODateFilter,
    ZoomFilter,
)
from . import paging

SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "minLength": 1, "maxLength": 100}
NUMBER = rf"\s*{BBOX_NUMBER_PATTERN}\s*"
BBOX = {"type": "string", "pattern": rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _kind(filter_):
    if isinstance(filter_, CSVMultipleChoiceFilter):
        values = [value for value, _ in filter_.extra["choices"]]
        return {"type": "array", "minItems": 1, "items": {"type": "string", "enum": values}}
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        return {"type": "array", "minItems": 1, "items": SLUG}
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return SLUG
    if isinstance(filter_, ISODateFilter):
        return DATE
    if isinstance(filter_, ZoomFilter):
        return {"type": "integer", "minimum": 0, "maximum": PLACE_MAX_ZOOM}
    kind = dict(BBOX) if isinstance(filter_, BBoxFilter) else {"type": "string", "minLength": 1}
    if filter_.extra.get("max_length"):
        kind["maxLength"] = filter_.extra["max_length"]
    return kind


def filter_parameters(filterset_class):
    """OpenAPI query parameters of a FilterSet (drf-spectacular documents them only on list views)."""
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        kind = _kind(filter_)
        many = kind["type"] == "array"
        parameters.append(
            OpenApiParameter(
                name,
                kind,
                required=bool(filter_.extra.get("required")),
                description=str(filter_.extra.get("help_text", "")),
                explode=False if many else None,
            )
        )
    return parameters


def page_parameters(cursor=False):
    """page / page_size (and cursor for the keyset-paged lists), bounded as the forms bound them."""
    cap = settings.API_MAX_PAGE_SIZE
    page = {"type": "integer", "minimum": 1, "maximum": 10**9}
    description = "Page number, from 1."
    if cursor:
        page["maximum"] = max(1, settings.API_MAX_OFFSET)
        description += (
            f" Reaches the first {settings.API_MAX_OFFSET} rows ((page - 1) × page_size below that); "
            "deeper, follow the `next` links. Not with `cursor`."
        )
    parameters = [
        OpenApiParameter("page", page, description=description),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": cap},
            description=f"Items per page (default {settings.API_PAGE_SIZE}, at most {cap}).",
        ),
    ]
    if cursor:
        field = paging.KeysetPageForm.base_fields["cursor"]
        parameters.append(
            OpenApiParameter(
                "cursor",
                {"type": "string", "pattern": r"^[A-Za-z0-9_-]+$", "minLength": 1, "maxLength": field.max_length},
                description="Opaque position in the list, from a page's `next` or `previous` link: pass it "
                "unchanged (a made-up or altered cursor is a 400). Not with `page`.",
            )
        )
    return parameters
