"""The public URLs plus the drf-gis comparison endpoint (benchmarks only)."""

from django.urls import path

from conflictmap.urls import urlpatterns as public

from .drfgis import DrfGisEvents

urlpatterns = [*public, path("bench/drf-gis/events/", DrfGisEvents.as_view())]
