"""No admin add or change page shows a Python object's repr (e.g. "DatabaseDefault object at 0x…")."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib import admin

from geodata import demo
from geodata.models import Conflict, Party, TerritoryVersion
from tests.helpers import territory_edit
from tests.helpers.users import reviewer

REPR = re.compile(r"object at 0x[0-9a-f]+|&lt;[\w.]+ object")
MODELS = sorted(model._meta.model_name for model in admin.site._registry if model._meta.app_label == "geodata")


@pytest.fixture
def logged_in(client, db):
    demo.load()
    if not TerritoryVersion.objects.exists():  # the territory pages, with a previous version shown
        conflict = Conflict.objects.get(slug=demo.SLUG)
        series = territory_edit.series(conflict, Party.objects.first())
        territory_edit.version(series, conflict.start_date)
        territory_edit.version(series, conflict.start_date + datetime.timedelta(days=1))
    client.force_login(reviewer())
    return client


@pytest.mark.parametrize("model", MODELS)
def test_it_shows_no_object_repr_on_the_add_page(logged_in, model):
    response = logged_in.get(f"/admin/geodata/{model}/add/")
    assert response.status_code in (200, 403)
    assert not REPR.search(response.content.decode())


@pytest.mark.parametrize("model", MODELS)
def test_it_shows_no_object_repr_on_a_change_page(logged_in, model):
    record = apps.get_model("geodata", model).objects.first()
    if record is None:
        pytest.skip(f"the demo has no {model}")
    response = logged_in.get(f"/admin/geodata/{model}/{record.pk}/change/")
    assert response.status_code in (200, 403)
    assert not REPR.search(response.content.decode())


def test_it_would_catch_the_database_default_leak():
    assert REPR.search("<p>&lt;django.db.models.expressions.DatabaseDefault object at 0x7f3a2b1c&gt;</p>")
