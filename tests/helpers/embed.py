"""Shared by the embed tests."""

import pytest

EMBED = "/embed/nagorno-karabakh-2020/"


@pytest.fixture
def unhashed_static(settings):
    """Templates use {% static %}; tests run without collectstatic, so no manifest to look names up in."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
