"""The public read-only API (contract: docs in README "API").

Thin views: parameters are validated by the FilterSets and PageForm
(filtersets.py), rows come from the public querysets (public.py), and the
GeoJSON / JSON of places, events and control changes is built by PostgreSQL
(geojson.py) and returned as bytes without being parsed in Python.
"""

import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import api_schema, geojson
from .filtersets import ControlChangeFilterSet, EventFilterSet, PageForm, PlaceFilterSet
from .public import public_conflicts, public_control_changes, public_events, public_parties, public_places

GEOJSON = "application/geo+json"


def validated_page(request):
    """(page, page_size) from the query string, or HTTP 400."""
    form = PageForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.page_number(), form.size()


def validated_filters(filterset_class, request, queryset):
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


def page_links(request, page, page_size, count):
    if page > 1 and (page - 1) * page_size >= count:
        raise NotFound(f"Invalid page: there are {max(1, -(-count // page_size))} pages of {page_size}.")
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
    """{...members, array_name: <json text from PostgreSQL>} without re-parsing that text."""
    head = json.dumps(members, separators=(",", ":"))[:-1]
    return b"".join([head.encode(), f',"{array_name}":'.encode(), array_text.encode(), b"}"])


class Pagination(PageNumberPagination):
    """DRF pagination with our strict page / page_size validation (400, not a silent clamp)."""

    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        page, page_size = validated_page(request)
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
        from .models import Party

        model = Party
        fields = ["slug", "name", "short_name", "kind", "color"]


@extend_schema_field(api_schema.EXTENT)
class ExtentField(serializers.Field):
    def to_representation(self, value):
        return list(value.extent) if value else None


class ConflictSerializer(serializers.ModelSerializer):
    extent = ExtentField(help_text="[minlon, minlat, maxlon, maxlat] or null.")
    parties = PartySerializer(many=True)

    class Meta:
        from .models import Conflict

        model = Conflict
        fields = ["slug", "name", "description", "start_date", "end_date", "extent", "parties"]


class ConflictMixin:
    serializer_class = ConflictSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return public_conflicts().prefetch_related(Prefetch("parties", queryset=public_parties()))


@extend_schema(summary="Conflicts", parameters=PAGE_PARAMETERS)
class ConflictList(ConflictMixin, generics.ListAPIView):
    pagination_class = Pagination


@extend_schema(summary="One conflict")
class ConflictDetail(ConflictMixin, generics.RetrieveAPIView):
    pass


class FilteredView(generics.GenericAPIView):
    """Documents the FilterSet's parameters in the schema; get() does the work."""

    filter_backends = [DjangoFilterBackend]
    pagination_class = None


@extend_schema(
    summary="Places with their controller at a date (GeoJSON)",
    responses={(200, GEOJSON): api_schema.PLACES},
)
class PlaceCollection(FilteredView):
    filterset_class = PlaceFilterSet

    def get_queryset(self):
        return public_places()

    def get(self, request):
        filterset = validated_filters(PlaceFilterSet, request, self.get_queryset())
        (features,) = geojson.fetch(geojson.places_sql(filterset.qs))
        body = json_bytes(
            {"type": "FeatureCollection", "date": filterset.date_shown.isoformat()}, "features", features
        )
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Events, newest first (GeoJSON, paginated)",
    parameters=PAGE_PARAMETERS,
    responses={(200, GEOJSON): api_schema.EVENTS},
)
class EventCollection(FilteredView):
    filterset_class = EventFilterSet

    def get_queryset(self):
        return public_events()

    def get(self, request):
        filterset = validated_filters(EventFilterSet, request, self.get_queryset())
        page, page_size = validated_page(request)
        count, features = geojson.fetch(geojson.events_sql(filterset.qs, (page - 1) * page_size, page_size))
        following, previous = page_links(request, page, page_size, count)
        body = json_bytes(
            {"type": "FeatureCollection", "count": count, "next": following, "previous": previous},
            "features",
            features,
        )
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Control changes, newest first (paginated)",
    parameters=PAGE_PARAMETERS,
    responses={200: api_schema.CONTROL_CHANGES},
)
class ControlChangeList(FilteredView):
    filterset_class = ControlChangeFilterSet

    def get_queryset(self):
        return public_control_changes()

    def get(self, request):
        filterset = validated_filters(ControlChangeFilterSet, request, self.get_queryset())
        page, page_size = validated_page(request)
        count, results = geojson.fetch(
            geojson.control_changes_sql(filterset.qs, (page - 1) * page_size, page_size)
        )
        following, previous = page_links(request, page, page_size, count)
        body = json_bytes({"count": count, "next": following, "previous": previous}, "results", results)
        return HttpResponse(body, content_type="application/json")
