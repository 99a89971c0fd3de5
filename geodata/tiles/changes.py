"""/api/places/changes/?conflict=&from=&to=: the places whose state changed between two dates.

The map's state delta (docs/tiles.md): the places whose controller, status or date of
control on `to` differs from `from`, each as the same GeoJSON Feature as in /api/places/
with its state on `to` (control null when nobody controls it then). Replacing those
features in the collection of `from` gives the collection of `to`. Computed in SQL by
PlaceQuerySet.changed_between through PlaceChangesFilterSet; public changes only.
"""

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema

from ..api import geojson, statements
from ..api import schema as api_schema
from ..api.language import language_parameter, request_language
from ..api.views import GEOJSON, PublicView, filter_parameters, json_bytes, validated
from ..filtersets import PlaceChangesFilterSet
from ..public import public_places


@extend_schema(
    summary="Places whose state changed between two dates (GeoJSON)",
    parameters=[*filter_parameters(PlaceChangesFilterSet), language_parameter()],
    responses={(200, GEOJSON): api_schema.PLACES, **api_schema.error_responses((GEOJSON, "application/json"))},
)
class PlaceChanges(PublicView):
    """The places of a conflict whose state on `to` differs from their state on `from` (either
    may be the later date), each with its state on `to`. Not paginated."""

    filterset_class = PlaceChangesFilterSet

    def get_queryset(self):
        return public_places()

    def get(self, request):
        filterset, _ = validated(request, PlaceChangesFilterSet, self.get_queryset(), paginated=False, language=True)
        data, language = filterset.form.cleaned_data, request_language(request)
        # Built once per conflict, zoom and language; each step only brings its dates.
        sql = statements.with_dates(
            ("place-changes", data["conflict"].pk, data.get("zoom"), language),
            lambda start, end: geojson.places_sql(filterset.between(filterset.queryset, start, end), language),
            data["from"], data["to"],
        )
        (features,) = geojson.fetch_bytes(sql)
        members = {
            "type": "FeatureCollection",
            "from": filterset.form.cleaned_data["from"].isoformat(),
            "date": filterset.date_shown.isoformat(),
        }
        return HttpResponse(json_bytes(members, "features", features), content_type=GEOJSON)
