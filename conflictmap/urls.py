from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("geodata.api.urls")),
    path("", include("geodata.exports.urls")),
    path("", include("geodata.embed.urls")),
    path("", include("geodata.pages.urls")),
    path("", include("geodata.tiles.urls")),
]
