"""The territory endpoints (docs/api.md#territory): the state at a date and the change between two dates.

Thin views as in views.py: the parameters are validated by the territory FilterSets (400 on anything
malformed), the rows come from the public querysets, PostgreSQL builds the GeoJSON in one statement.
"""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from ..public import public_territory_versions
from ..territory_filtersets import TerritoryChangesFilterSet, TerritoryFilterSet
from . import geojson, territory_geojson
from . import schema as api_schema
from . import schema_territory as schema
from .views import GEOJSON, PublicView, filter_parameters, json_bytes, validated


def parameters(filterset_class):
    """filter_parameters() with the numeric types of zoom and simplify (it documents them as strings)."""
    types = {"zoom": OpenApiTypes.INT, "simplify": OpenApiTypes.DOUBLE}
    return [
        OpenApiParameter(p.name, types[p.name], description=p.description) if p.name in types else p
        for p in filter_parameters(filterset_class)
    ]


@extend_schema(
    summary="Territory at a date: who holds which area (GeoJSON)",
    parameters=parameters(TerritoryFilterSet),
    responses={(200, GEOJSON): schema.TERRITORY, **api_schema.error_responses((GEOJSON, "application/json"))},
)
class TerritoryCollection(PublicView):
    """The published territory version in force of every series of a conflict at `date` (default: today,
    clipped to the conflict's dates), with its claims, area and change since the previous version; then
    one `overlap` feature per pair of parties whose held areas overlap (shown as contested), then one
    `front_line` feature (a MultiLineString) per pair of parties whose held areas meet. Not paginated."""

    filterset_class = TerritoryFilterSet

    def get_queryset(self):
        return public_territory_versions()

    def get(self, request):
        filterset, _ = validated(request, TerritoryFilterSet, self.get_queryset(), paginated=False)
        conflict, date, tolerance = filterset.form.cleaned_data["conflict"], filterset.date_shown, filterset.tolerance
        (features,) = geojson.fetch_bytes(territory_geojson.territory_sql(conflict, date, tolerance))
        members = {"type": "FeatureCollection", "date": date.isoformat(), "simplify": tolerance}
        return HttpResponse(json_bytes(members, "features", features), content_type=GEOJSON)


@extend_schema(
    summary="Territory gained and lost per party between two dates (GeoJSON)",
    parameters=parameters(TerritoryChangesFilterSet),
    responses={(200, GEOJSON): schema.TERRITORY_CHANGES,
               **api_schema.error_responses((GEOJSON, "application/json"))},
)
class TerritoryChanges(PublicView):
    """Per party, the area gained and the area lost from the published state at `start` to the state at
    `end` (held areas only: claimed advances and contested areas are not holdings). Not paginated."""

    filterset_class = TerritoryChangesFilterSet

    def get_queryset(self):
        return public_territory_versions()

    def get(self, request):
        filterset, _ = validated(request, TerritoryChangesFilterSet, self.get_queryset(), paginated=False)
        data = filterset.form.cleaned_data
        sql = territory_geojson.changes_sql(data["conflict"], data["start"], data["end"], filterset.tolerance)
        (features,) = geojson.fetch_bytes(sql)
        members = {
            "type": "FeatureCollection", "start": data["start"].isoformat(), "end": data["end"].isoformat(),
            "simplify": filterset.tolerance,
        }
        return HttpResponse(json_bytes(members, "features", features), content_type=GEOJSON)
