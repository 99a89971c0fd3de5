"""Embeds for news articles and their oEmbed discovery endpoint."""

from django.urls import path

from . import views

urlpatterns = [
    path("embed/<slug:slug>/", views.embed, name="embed"),
    path("oembed", views.oembed, name="oembed"),
]
