from django.contrib import admin
from django.urls import path

from geodata import embed_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("embed/<slug:slug>/", embed_views.embed, name="embed"),
    path("oembed", embed_views.oembed, name="oembed"),
]
