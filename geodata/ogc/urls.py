"""OGC API Features (Part 1: Core), read-only, published data only."""

from django.urls import path

from ..httpcache import cache_public
from . import views


def cached(view):
    # By data version (of the conflict asked for with ?conflict=, else of all); JSON or HTML by Accept.
    return cache_public(view, vary=("Accept",))


urlpatterns = [
    path("", cached(views.landing), name="ogc-landing"),
    path("conformance", cached(views.conformance), name="ogc-conformance"),
    path("collections", cached(views.collections), name="ogc-collections"),
    path("collections/<str:collection_id>", cached(views.collection), name="ogc-collection"),
    path("collections/<str:collection_id>/items", cached(views.items), name="ogc-items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", cached(views.item), name="ogc-item"),
]
