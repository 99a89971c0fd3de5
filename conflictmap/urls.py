from django.contrib import admin
from django.urls import include, path

from conflictmap import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include("geodata.api.urls")),
    path("ogc/", include("geodata.ogc.urls")),
    path("", include("geodata.exports.urls")),
    path("", include("geodata.embed.urls")),
    path("", include("geodata.pages.urls")),
    path("", include("geodata.tiles.urls")),
]

# Every uncaught exception: 503 when the database is down or too slow, JSON for the API.
handler500 = "conflictmap.faults.server_error"
