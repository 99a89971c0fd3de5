from django.contrib import admin
from django.urls import path

from geodata import views as geodata_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", geodata_views.conflict_list, name="conflict-list"),
    path("conflicts/<slug:slug>/", geodata_views.conflict_map, name="conflict-map"),
]
