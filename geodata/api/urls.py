"""The public read-only API (contract in docs/api.md)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .notfound import not_found

urlpatterns = [
    path("conflicts/", views.ConflictList.as_view(), name="api-conflicts"),
    path("conflicts/<slug:slug>/", views.ConflictDetail.as_view(), name="api-conflict"),
    path("places/", views.PlaceCollection.as_view(), name="api-places"),
    path("places/search/", views.PlaceSearch.as_view(), name="api-place-search"),
    path("events/", views.EventCollection.as_view(), name="api-events"),
    path("control-changes/", views.ControlChangeList.as_view(), name="api-control-changes"),
    path("events/<int:pk>/", views.EventDetail.as_view(), name="api-event"),
    path("control-changes/<int:pk>/", views.ControlChangeDetail.as_view(), name="api-control-change"),
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
