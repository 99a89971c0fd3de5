"""The public read-only API (contract in docs/api.md)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ..httpcache import cache_public
from . import compact, territory, views
from .notfound import not_found


def cached(view):
    # By data version; the answer depends on Accept (JSON, GeoJSON or the browsable API's HTML).
    return cache_public(view, vary=("Accept",))


def map_data(view):
    # What a map (an embed in an article above all) loads at its date and in its popups: with a last
    # good copy, so an embed served from its own copy while the database is unavailable still draws
    # its map (docs/deployment.md, "An embed's last good copy").
    return cache_public(view, vary=("Accept",), stale_if_error=True)


urlpatterns = [
    path("conflicts/", cached(views.ConflictList.as_view()), name="api-conflicts"),
    path("conflicts/<slug:slug>/", cached(views.ConflictDetail.as_view()), name="api-conflict"),
    path("places/", map_data(views.PlaceCollection.as_view()), name="api-places"),
    path("places/search/", cached(views.PlaceSearch.as_view()), name="api-place-search"),
    path("events/", cached(views.EventCollection.as_view()), name="api-events"),
    path("events/compact/", map_data(compact.CompactEvents.as_view()), name="api-events-compact"),
    path("control-changes/", map_data(views.ControlChangeList.as_view()), name="api-control-changes"),
    path("events/<int:pk>/", map_data(views.EventDetail.as_view()), name="api-event"),
    path("control-changes/<int:pk>/", map_data(views.ControlChangeDetail.as_view()), name="api-control-change"),
    path("territory/", map_data(territory.TerritoryCollection.as_view()), name="api-territory"),
    path("territory/changes/", cached(territory.TerritoryChanges.as_view()), name="api-territory-changes"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script from a URL, not inline (strict CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="geodata/api_docs.html"),
        name="api-docs",
    ),
    # Last: any other /api/ path is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<path>.*)$", not_found),
]
