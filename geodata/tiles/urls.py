"""Vector tiles and the place-state deltas (docs/tiles.md)."""

from django.urls import path

from ..api.urls import map_data
from . import changes, views

urlpatterns = [
    path("tiles/<slug:conflict>/<int:z>/<int:x>/<int:y>.mvt", views.tile, name="tile"),
    # A slider step's places: like the rest of a map's data, cached with a last good copy.
    path("api/places/changes/", map_data(changes.PlaceChanges.as_view()), name="api-place-changes"),
]
