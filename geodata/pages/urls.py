"""The public HTML pages: conflict list, map, corrections log."""

from django.urls import path

from . import views
from .corrections import corrections

urlpatterns = [
    path("", views.conflict_list, name="conflict-list"),
    path("conflicts/<slug:slug>/", views.conflict_map, name="conflict-map"),
    path("corrections/", corrections, name="corrections"),
    path("conflicts/<slug:slug>/corrections/", corrections, name="conflict-corrections"),
]
