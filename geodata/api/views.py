"""The public read-only API (contract: docs/api.md).

Thin views: parameters are validated by the FilterSets and PageForm
(filtersets.py), rows come from the public querysets (public.py), and the
GeoJSON / JSON of places, events and control changes is built by PostgreSQL
(geojson.py) and returned as bytes without being parsed in Python.
"""

import json

import django_filters
from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..filtersets import (
    ControlChangeFilterSet,
    CSVMultipleChoiceFilter,
    EventFilterSet,
    ISODateFilter,
    PageForm,
    PlaceFilterSet,
    PlaceSearchFilterSet,
)
from ..public import (
    public_alternate_names,
    public_conflicts,
    public_control_changes,
    public_events,
    public_parties,
    public_places,
)
from . import geojson
from . import schema as api_schema

GEOJSON = "application/geo+json"


def validated(request, filterset_class=None, queryset=None, paginated=True):
    """(filterset, page, page_size) from the query string, or HTTP 400 listing every bad parameter."""
    errors = {}
    filterset = page = page_size = None
    if filterset_class is not None:
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            errors.update(filterset.errors)
    if paginated:
        form = PageForm(request.query_params)
        if form.is_valid():
            page, page_size = form.page_number(), form.size()
        else:
            errors.update(form.errors)
    if errors:
        raise ValidationError(errors)
    return filterset, page, page_size


def page_links(request, page, page_size, count):
    if page > 1 and (page - 1) * page_size >= count:
        last = max(1, -(-count // page_size))
        raise NotFound(f"Invalid page: page {page} is past the last page ({last}, of {page_size} items).")
    url = request.build_absolute_uri()
    following = replace_query_param(url, "page", page + 1) if page * page_size < count else None
    if page <= 1:
        previous = None
    elif page == 2:
        previous = remove_query_param(url, "page")
    else:
        previous = replace_query_param(url, "page", page - 1)
    return following, previous


def json_bytes(members, array_name, array_text):
    """{...members, array_name: <json text (str or UTF-8 bytes) from PostgreSQL>} without re-parsing it."""
    head = json.dumps(members, separators=(",", ":"))[:-1]
    if isinstance(array_text, str):
        array_text = array_text.encode()
    return b"".join([head.encode(), f',"{array_name}":'.encode(), array_text, b"}"])


class Pagination(PageNumberPagination):
    """DRF pagination with our strict page / page_size validation (400, not a silent clamp)."""

    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        _, page, page_size = validated(request)
        self.page_size = page_size
        request._validated_page = page
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return self.page_size

    def get_page_number(self, request, paginator):
        return request._validated_page


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter(
        "page_size", OpenApiTypes.INT, description="Items per page (settings API_PAGE_SIZE; at most API_MAX_PAGE_SIZE)."
    ),
]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = public_parties().model
        fields = ["slug", "name", "short_name", "kind", "color"]


@extend_schema_field(api_schema.EXTENT)
class ExtentField(serializers.Field):
    def to_representation(self, value):
        return list(value.extent) if value else None


class ConflictSerializer(serializers.ModelSerializer):
    extent = ExtentField(help_text="[minlon, minlat, maxlon, maxlat] or null.")
    parties = PartySerializer(many=True)

    class Meta:
        model = public_conflicts().model
        fields = ["slug", "name", "description", "start_date", "end_date", "extent", "parties"]


class ConflictMixin:
    serializer_class = ConflictSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_conflicts().prefetch_related(Prefetch("parties", queryset=public_parties()))


@extend_schema(summary="Conflicts", parameters=PAGE_PARAMETERS)
class ConflictList(ConflictMixin, generics.ListAPIView):
    authentication_classes = []
    pagination_class = Pagination


@extend_schema(summary="One conflict")
class ConflictDetail(ConflictMixin, generics.RetrieveAPIView):
    authentication_classes = []


def filter_parameters(filterset_class):
    """OpenAPI query parameters of a FilterSet (drf-spectacular documents them only on list views)."""
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        many = isinstance(filter_, (CSVMultipleChoiceFilter, django_filters.ModelMultipleChoiceFilter))
        if isinstance(filter_, CSVMultipleChoiceFilter):
            values = [value for value, _ in filter_.extra["choices"]]
            kind = {"type": "array", "items": {"type": "string", "enum": values}}
        elif many:
            kind = {"type": "array", "items": {"type": "string"}}
        elif isinstance(filter_, ISODateFilter):
            kind = OpenApiTypes.DATE
        else:
            kind = OpenApiTypes.STR
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


class GeoJSONRenderer(JSONRenderer):
    """Lets content negotiation accept `Accept: application/geo+json` (GeoJSON clients, Swagger UI)."""

    media_type = GEOJSON
    format = "json"  # the same format as JSONRenderer: no new ?format= value in the schema


class PublicView(generics.GenericAPIView):
    """Public and read-only: no authentication, so no session or CSRF either."""

    authentication_classes = []
    renderer_classes = [JSONRenderer, GeoJSONRenderer, BrowsableAPIRenderer]


@extend_schema(
    summary="Places with their controller at a date (GeoJSON)",
    parameters=filter_parameters(PlaceFilterSet),
    responses={(200, GEOJSON): api_schema.PLACES},
)
class PlaceCollection(PublicView):
    """The places of a conflict, each with its controller at `date` (default: today, clipped to the
    conflict's dates) and the claims behind that control. Not paginated."""

    filterset_class = PlaceFilterSet

    def get_queryset(self):
        return public_places()

    def get(self, request):
        filterset, _, _ = validated(request, PlaceFilterSet, self.get_queryset(), paginated=False)
        (features,) = geojson.fetch_bytes(geojson.places_sql(filterset.qs))
        body = json_bytes(
            {"type": "FeatureCollection", "date": filterset.date_shown.isoformat()}, "features", features
        )
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Find places by name, forgivingly, best first",
    parameters=filter_parameters(PlaceSearchFilterSet),
    responses={200: api_schema.PLACE_SEARCH},
)
class PlaceSearch(PublicView):
    """Places of a conflict matching `q` in any of their names: case, accents, Cyrillic or
    Azerbaijani Latin spellings and small typos are forgiven (docs/map.md). Not paginated."""

    filterset_class = PlaceSearchFilterSet

    def get_queryset(self):
        return public_places().prefetch_related(Prefetch("alternate_names", queryset=public_alternate_names()))

    def get(self, request):
        filterset, _, _ = validated(request, PlaceSearchFilterSet, self.get_queryset(), paginated=False)
        results = [
            {
                "slug": place.slug,
                "name": place.name,
                "display_name": place.display_name,
                "matched": place.matched,
                "score": round(place.score, 3),
                "point": {"type": "Point", "coordinates": [place.point.x, place.point.y]},
            }
            for place in filterset.qs
        ]
        return HttpResponse(json.dumps({"results": results}), content_type="application/json")


@extend_schema(
    summary="Events, newest first (GeoJSON, paginated)",
    parameters=filter_parameters(EventFilterSet) + PAGE_PARAMETERS,
    responses={(200, GEOJSON): api_schema.EVENTS},
)
class EventCollection(PublicView):
    """Events of a conflict, newest first, with their verification status and claims."""

    filterset_class = EventFilterSet

    def get_queryset(self):
        return public_events()

    def get(self, request):
        filterset, page, page_size = validated(request, EventFilterSet, self.get_queryset())
        count, features = geojson.fetch_bytes(geojson.events_sql(filterset.qs, (page - 1) * page_size, page_size))
        following, previous = page_links(request, page, page_size, count)
        body = json_bytes(
            {"type": "FeatureCollection", "count": count, "next": following, "previous": previous},
            "features",
            features,
        )
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Control changes, newest first (paginated)",
    parameters=filter_parameters(ControlChangeFilterSet) + PAGE_PARAMETERS,
    responses={200: api_schema.CONTROL_CHANGES},
)
class ControlChangeList(PublicView):
    """Who took which place when, newest first, with the claims behind each change.
    Retracted changes are not listed."""

    filterset_class = ControlChangeFilterSet

    def get_queryset(self):
        return public_control_changes()

    def get(self, request):
        filterset, page, page_size = validated(request, ControlChangeFilterSet, self.get_queryset())
        count, results = geojson.fetch_bytes(
            geojson.control_changes_sql(filterset.qs, (page - 1) * page_size, page_size)
        )
        following, previous = page_links(request, page, page_size, count)
        body = json_bytes({"count": count, "next": following, "previous": previous}, "results", results)
        return HttpResponse(body, content_type="application/json")


def _one(text):
    """The single element of a one-element json_agg array, without parsing it."""
    return text.strip()[1:-1].encode()


def _public_id(value):
    # Ids too large for a bigint would make PostgreSQL raise: they name no record either.
    return value if value < 2**63 else None


class EventDetail(PublicView):
    """One published event, as a Feature with the same properties as in the collection.
    404 for an unknown id and for a record the public may not see (draft, in review, withdrawn)."""

    # On the method: drf-spectacular refuses operation_id on a class (checks warn, W002).
    @extend_schema(
        operation_id="event_detail",
        summary="One event (GeoJSON Feature)",
        responses={(200, GEOJSON): api_schema.EVENT_FEATURE},
    )
    def get(self, request, pk):
        events = public_events().filter(pk=_public_id(pk))
        count, features = geojson.fetch(geojson.events_sql(events, 0, 1))
        if not count:
            raise NotFound("No published event with that id.")
        return HttpResponse(_one(features), content_type=GEOJSON)


class ControlChangeDetail(PublicView):
    """One published control change, shaped like an item of the list. 404 for an unknown id, a
    record the public may not see, or a retracted change (never listed)."""

    @extend_schema(
        operation_id="control_change_detail", summary="One control change",
        responses={200: api_schema.CONTROL_CHANGE},
    )
    def get(self, request, pk):
        changes = public_control_changes().filter(pk=_public_id(pk))
        count, results = geojson.fetch(geojson.control_changes_sql(changes, 0, 1))
        if not count:
            raise NotFound("No published control change with that id.")
        return HttpResponse(_one(results), content_type="application/json")
