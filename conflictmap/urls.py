from django.contrib import admin
from django.urls import include, path

from conflictmap import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    # Before the API: its /api/places/changes/ must not reach the API's catch-all JSON 404.
    path("", include("geodata.tiles.urls")),
    path("api/", include("geodata.api.urls")),
    path("ogc/", include("geodata.ogc.urls")),
    path("", include("geodata.exports.urls")),
    path("", include("geodata.embed.urls")),
    path("", include("geodata.pages.urls")),
]

# Every uncaught exception: 503 when the database is down or too slow, JSON for the API.
handler500 = "conflictmap.faults.server_error"
