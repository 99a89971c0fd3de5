"""The public read-only API (contract: docs/api.md).

Thin views: parameters are validated by the FilterSets and PageForm
(filtersets.py), rows come from the public querysets (public.py), and the
GeoJSON / JSON of places, events and control changes is built by PostgreSQL
(geojson.py) and returned as bytes without being parsed in Python.
"""

import datetime
import json

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from ..filtersets import (
    ControlChangeFilterSet,
    EventFilterSet,
    PageForm,
    PlaceFilterSet,
    PlaceSearchFilterSet,
)
from ..placenames import label, names
from ..public import (
    public_alternate_names,
    public_conflicts,
    public_control_changes,
    public_events,
    public_parties,
    public_places,
)
from . import geojson, paging, statements
from . import schema as api_schema
from .language import language_errors, language_parameter, request_language
from .openapi import filter_parameters, page_parameters

GEOJSON = "application/geo+json"
# Errors are rendered by the negotiated renderer: JSON, or GeoJSON's media type when that was asked for.
GEOJSON_ERRORS = ("application/json", GEOJSON)


def validated(request, filterset_class=None, queryset=None, paginated=True, page_form=PageForm, language=False):
    """(filterset, page form's cleaned data) from the query string, or HTTP 400 listing every bad parameter.
    `language`: the endpoint names places, so it takes `lang` (language.py)."""
    errors = language_errors(request.query_params) if language else {}
    filterset = None
    page = {}
    names = set(filterset_class.base_filters) if filterset_class is not None else set()
    if filterset_class is not None:
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            errors.update(filterset.errors)
    if paginated:
        names |= set(page_form.base_fields)
        form = page_form(request.query_params)
        if form.is_valid():
            page = form.cleaned_data
        else:
            errors.update(form.errors)
    # `page_size=` is not a page size: an empty value is refused, as the schema says (a
    # missing parameter takes its default). The HTML forms that share the FilterSets keep
    # treating empty fields as absent.
    for name in sorted(names & set(request.query_params)):
        if "" in (value.strip() for value in request.query_params.getlist(name)):
            errors.setdefault(name, []).insert(0, f"{name} is empty: give a value or leave the parameter out.")
    if errors:
        raise ValidationError(errors)
    return filterset, page


def keyset_page(request, filterset_class, queryset, build_sql, reuse=None):
    """(paging.Page, JSON array bytes) of a keyset-paged list request, from one statement.

    reuse: a name under which the statement of a first or numbered page (no cursor) is built once
    per filter values other than dates, page, size and language, then reused with the request's
    dates (statements.py): for a list a map asks for on every step (its timeline's changes)."""
    filterset, data = validated(request, filterset_class, queryset, page_form=paging.KeysetPageForm, language=True)
    size = data.get("page_size") or settings.API_PAGE_SIZE
    language = request_language(request)

    def build(filtered):
        page = paging.Page(filtered, size, page=data.get("page"), cursor=data.get("cursor"))
        return page, build_sql(filtered, page.offset, size, head=page.head(), window=page.window, language=language)

    if reuse is None or data.get("cursor") is not None:
        page, sql = build(filterset.qs)
    else:
        cleaned = filterset.form.cleaned_data
        dated = sorted(name for name, value in cleaned.items() if type(value) is datetime.date)
        others = tuple(sorted((name, getattr(value, "pk", value)) for name, value in cleaned.items() if name not in dated))
        # With what else shapes the statement's text: the exact-count cap is a LIMIT in it.
        key = (reuse, others, tuple(dated), data.get("page"), size, language, settings.API_EXACT_COUNT)
        sql = statements.with_dates(
            key, lambda *dates: build(filtered_with(filterset, dict(zip(dated, dates, strict=True))))[1],
            *(cleaned[name] for name in dated),
        )
        page = paging.Page(filterset.qs, size, page=data.get("page"))
    count, keys, rows = geojson.fetch_bytes(sql)
    page.load(count, keys)
    if page.page and page.page > 1 and not page.keys:
        last = max(1, -(-page.count // size))
        raise NotFound(
            gettext("Invalid page: page %(page)s is past the last page (%(last)s, of %(size)s items).")
            % {"page": page.page, "last": last, "size": size}
        )
    return page, rows


def filtered_with(filterset, values):
    """The filterset's queryset with some of its cleaned values replaced by `values`."""
    form = filterset.form
    cleaned = form.cleaned_data
    form.cleaned_data = {**cleaned, **values}
    try:
        return filterset.filter_queryset(filterset.queryset.all())
    finally:
        form.cleaned_data = cleaned


def page_members(request, page):
    following, previous = page.links(request)
    return {"count": page.count, "count_is_estimate": page.count_is_estimate, "next": following, "previous": previous}


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
        _, data = validated(request)
        self.page_size = data.get("page_size") or settings.API_PAGE_SIZE
        request._validated_page = data.get("page") or 1
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return self.page_size

    def get_page_number(self, request, paginator):
        return request._validated_page


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


@extend_schema(summary="Conflicts", parameters=page_parameters(), responses={200: ConflictSerializer(many=True), **api_schema.error_responses()})
class ConflictList(ConflictMixin, generics.ListAPIView):
    authentication_classes = []
    pagination_class = Pagination


@extend_schema(summary="One conflict", responses={200: ConflictSerializer, **api_schema.error_responses()})
class ConflictDetail(ConflictMixin, generics.RetrieveAPIView):
    authentication_classes = []


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
    parameters=[*filter_parameters(PlaceFilterSet), language_parameter()],
    responses={(200, GEOJSON): api_schema.PLACES, **api_schema.error_responses(GEOJSON_ERRORS, not_found=False)},
)
class PlaceCollection(PublicView):
    """The places of a conflict, each with its controller at `date` (default: today, clipped to the
    conflict's dates) and the claims behind that control. Not paginated."""

    filterset_class = PlaceFilterSet

    def get_queryset(self):
        return public_places()

    def get(self, request):
        filterset, _ = validated(request, PlaceFilterSet, self.get_queryset(), paginated=False, language=True)
        (features,) = geojson.fetch_bytes(geojson.places_sql(filterset.qs, request_language(request)))
        body = json_bytes(
            {"type": "FeatureCollection", "date": filterset.date_shown.isoformat()}, "features", features
        )
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Find places by name, forgivingly, best first",
    parameters=[*filter_parameters(PlaceSearchFilterSet), language_parameter()],
    responses={200: api_schema.PLACE_SEARCH, **api_schema.error_responses(not_found=False)},
)
class PlaceSearch(PublicView):
    """Places of a conflict matching `q` in any of their names: case, accents, Cyrillic or
    Azerbaijani Latin spellings and small typos are forgiven (docs/map.md). Not paginated."""

    filterset_class = PlaceSearchFilterSet

    def get_queryset(self):
        return public_places().prefetch_related(Prefetch("alternate_names", queryset=public_alternate_names()))

    def get(self, request):
        filterset, _ = validated(request, PlaceSearchFilterSet, self.get_queryset(), paginated=False, language=True)
        language = request_language(request)
        results = [
            {
                "slug": place.slug,
                "name": place.name,
                "display_name": place.display_name,
                "label": label(place, language),
                "names": names(place),
                "matched": place.matched,
                "score": round(place.score, 3),
                "point": {"type": "Point", "coordinates": [place.point.x, place.point.y]},
            }
            for place in filterset.qs
        ]
        return HttpResponse(json.dumps({"results": results}), content_type="application/json")


@extend_schema(
    summary="Events, newest first (GeoJSON, paginated)",
    parameters=filter_parameters(EventFilterSet) + page_parameters(cursor=True) + [language_parameter()],
    responses={(200, GEOJSON): api_schema.EVENTS, **api_schema.error_responses(GEOJSON_ERRORS)},
)
class EventCollection(PublicView):
    """Events of a conflict, newest first, with their verification status and claims."""

    filterset_class = EventFilterSet

    def get_queryset(self):
        return public_events()

    def get(self, request):
        page, features = keyset_page(request, EventFilterSet, self.get_queryset(), geojson.events_sql)
        body = json_bytes({"type": "FeatureCollection", **page_members(request, page)}, "features", features)
        return HttpResponse(body, content_type=GEOJSON)


@extend_schema(
    summary="Control changes, newest first (paginated)",
    parameters=filter_parameters(ControlChangeFilterSet) + page_parameters(cursor=True) + [language_parameter()],
    responses={200: api_schema.CONTROL_CHANGES, **api_schema.error_responses()},
)
class ControlChangeList(PublicView):
    """Who took which place when, newest first, with the claims behind each change.
    Retracted changes are not listed."""

    filterset_class = ControlChangeFilterSet

    def get_queryset(self):
        return public_control_changes()

    def get(self, request):
        page, results = keyset_page(request, ControlChangeFilterSet, self.get_queryset(), geojson.control_changes_sql,
                                    reuse="control-changes")
        members = page_members(request, page)
        return HttpResponse(json_bytes(members, "results", results), content_type="application/json")


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
        summary="One event (GeoJSON Feature)", parameters=[language_parameter()],
        responses={(200, GEOJSON): api_schema.EVENT_FEATURE, **api_schema.error_responses(GEOJSON_ERRORS)},
    )
    def get(self, request, pk):
        validated(request, paginated=False, language=True)
        events = public_events().filter(pk=_public_id(pk))
        count, features = geojson.fetch(geojson.events_sql(events, 0, 1, language=request_language(request)))
        if not count:
            raise NotFound(gettext("No published event with that id."))
        return HttpResponse(_one(features), content_type=GEOJSON)


class ControlChangeDetail(PublicView):
    """One published control change, shaped like an item of the list. 404 for an unknown id, a
    record the public may not see, or a retracted change (never listed)."""

    @extend_schema(
        operation_id="control_change_detail", summary="One control change", parameters=[language_parameter()],
        responses={200: api_schema.CONTROL_CHANGE, **api_schema.error_responses()},
    )
    def get(self, request, pk):
        validated(request, paginated=False, language=True)
        changes = public_control_changes().filter(pk=_public_id(pk))
        count, results = geojson.fetch(geojson.control_changes_sql(changes, 0, 1, language=request_language(request)))
        if not count:
            raise NotFound(gettext("No published control change with that id."))
        return HttpResponse(_one(results), content_type="application/json")
