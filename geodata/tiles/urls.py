"""Vector tiles and the place-state deltas (docs/tiles.md)."""

from django.urls import path

from . import changes, views

urlpatterns = [
    path("tiles/<slug:conflict>/<int:z>/<int:x>/<int:y>.mvt", views.tile, name="tile"),
    path("api/places/changes/", changes.PlaceChanges.as_view(), name="api-place-changes"),
]
