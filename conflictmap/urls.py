from django.contrib import admin
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from geodata import api, embed_views
from geodata import views as geodata_views
from geodata.views_corrections import corrections

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", geodata_views.conflict_list, name="conflict-list"),
    path("conflicts/<slug:slug>/", geodata_views.conflict_map, name="conflict-map"),
    path("corrections/", corrections, name="corrections"),
    path("conflicts/<slug:slug>/corrections/", corrections, name="conflict-corrections"),
    # Public read-only API (geodata/api.py; contract in README "API").
    path("api/conflicts/", api.ConflictList.as_view(), name="api-conflicts"),
    path("api/conflicts/<slug:slug>/", api.ConflictDetail.as_view(), name="api-conflict"),
    path("api/places/", api.PlaceCollection.as_view(), name="api-places"),
    path("api/events/", api.EventCollection.as_view(), name="api-events"),
    path("api/control-changes/", api.ControlChangeList.as_view(), name="api-control-changes"),
    path("api/events/<int:pk>/", api.EventDetail.as_view(), name="api-event"),
    path("api/control-changes/<int:pk>/", api.ControlChangeDetail.as_view(), name="api-control-change"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script from a URL, not inline (strict CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="geodata/api_docs.html"),
        name="api-docs",
    ),
    path("embed/<slug:slug>/", embed_views.embed, name="embed"),
    path("oembed", embed_views.oembed, name="oembed"),
]
