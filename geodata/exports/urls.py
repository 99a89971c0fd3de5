from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^exports/(?P<slug>[-\w]+)\.(?P<fmt>csv|geojson|gpkg)$", views.export, name="export"),
]
