"""/healthz and /readyz in process (the database-down cases are in tests/test_faults.py)."""

import pytest
from django.db import connection

from conflictmap import health


@pytest.fixture
def fresh_probe(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_it_is_ready_with_every_migration_applied(db, api_client, fresh_probe):
    response = api_client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["X-Request-ID"]


def test_it_is_not_ready_with_an_unapplied_migration(db, api_client, fresh_probe):
    with connection.cursor() as cursor:  # undone by the test's transaction
        cursor.execute("DELETE FROM django_migrations WHERE app = 'geodata' AND name LIKE '0002%%'")
    response = api_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unapplied migrations"
    assert any(name.startswith("geodata.0002") for name in response.json()["migrations"])


def test_it_skips_the_https_redirect_for_probes(db, api_client, settings, fresh_probe):
    settings.SECURE_SSL_REDIRECT = True
    assert api_client.get("/healthz").status_code == 200
    assert api_client.get("/readyz").status_code == 200
    assert api_client.get("/").status_code == 301
