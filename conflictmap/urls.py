from django.contrib import admin
from django.urls import path

from geodata.views_corrections import corrections

urlpatterns = [
    path("admin/", admin.site.urls),
    path("corrections/", corrections, name="corrections"),
    path("conflicts/<slug:slug>/corrections/", corrections, name="conflict-corrections"),
]
