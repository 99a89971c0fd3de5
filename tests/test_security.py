"""CSP and framing headers, login lockout, the optional second factor, deploy checks, statement timeout."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from tests.helpers import factories as f
from tests.helpers.users import editor

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/corrections/", "/admin/login/", "/conflicts/nope/corrections/"])
def test_it_sends_a_strict_csp_and_no_framing_on_html(url):
    f.conflict()
    response = Client().get(url)
    directives = policy(response)
    assert directives["script-src"][0] == "'self'"
    assert all(not s.startswith("'unsafe") for s in directives["script-src"] + directives["style-src"])
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["img-src"][:2] == ["'self'", "data:"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_sends_static_files_without_a_policy_but_with_nosniff():
    # A policy binds the document that loads a script or a style, not the file itself; the
    # headers that do act on a subresource stay (nosniff; the referrer policy of a stylesheet's fetches).
    response = Client().get("/static/js/map/ConflictMap.js")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Content-Security-Policy" in Client().get("/static/js/map/nothing-here.js")


def test_public_pages_get_no_nonce_and_admin_pages_a_fresh_one(admin_client):
    assert not any(s.startswith("'nonce-") for s in policy(Client().get("/corrections/"))["script-src"])
    place = f.place()
    first = policy(admin_client.get(f"/admin/geodata/place/{place.pk}/change/"))["script-src"]
    second = policy(admin_client.get(f"/admin/geodata/place/{place.pk}/change/"))["script-src"]
    assert first[0] == "'self'" and first[1].startswith("'nonce-") and first != second


def test_the_tile_host_is_allowed_for_images(settings):
    assert settings.MAP_TILE_HOST in policy(Client().get("/corrections/"))["img-src"]


def test_it_locks_out_an_address_after_repeated_failed_logins(settings):
    from django.contrib.auth.models import User

    User.objects.create_user("ed", password="the right password", is_staff=True)
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "ed", "password": "wrong"})
        assert response.status_code == 200
    assert client.post("/admin/login/", {"username": "ed", "password": "wrong"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "ed", "password": "the right password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # another address is not affected
    other = Client(REMOTE_ADDR="198.51.100.1")
    assert other.post("/admin/login/", {"username": "ed", "password": "the right password"}).status_code == 302


def test_it_reads_the_client_address_behind_a_trusted_proxy(settings, rf):
    from conflictmap.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # never the spoofable left-most entry


def test_otp_is_enforced_when_the_setting_is_on(settings):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = editor()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    password = "correct horse battery staple"

    settings.OTP_REQUIRED = False
    client = Client()
    assert client.post("/admin/login/", {"username": user.username, "password": password}).status_code == 302
    assert client.get("/admin/").status_code == 200

    settings.OTP_REQUIRED = True
    assert client.get("/admin/").status_code == 302  # a session without a second factor is not enough
    client = Client()
    page = client.post("/admin/login/", {"username": user.username, "password": password})
    assert page.status_code == 200 and "otp_token" in page.content.decode()
    assert client.get("/admin/").status_code == 302
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": password, "otp_device": device.persistent_id,
         "otp_token": f"{token:06d}"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_totp_enroll_prints_an_otpauth_url():
    from io import StringIO

    from django.core.management import call_command

    user = editor()
    out = StringIO()
    call_command("totp_enroll", user.username, stdout=out)
    assert out.getvalue().startswith("otpauth://totp/")
    assert user.totpdevice_set.count() == 1


def production_env():
    """This environment minus the test-only variables (and any SECURE_* overrides).

    DJANGO_SETTINGS_MODULE goes too: pytest sets it to the test settings (pytest.ini);
    manage.py then uses the production settings, conflictmap.settings."""
    return {
        k: v for k, v in os.environ.items()
        if k not in ("ALLOW_INSECURE_SECRET_KEY", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG",
                     "DJANGO_SETTINGS_MODULE")
        and not k.startswith(("SECURE_", "SESSION_", "CSRF_"))
    }


def test_production_settings_pass_check_deploy():
    env = production_env()
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="maps.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_about_an_unsafe_production_setting():
    env = production_env()
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(64), SESSION_COOKIE_SECURE="0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    output = result.stderr + result.stdout
    assert result.returncode != 0 and "security.W012" in output
    assert output.count("(security.") == 1, output  # only the setting we broke


def test_every_query_runs_under_a_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DB_STATEMENT_TIMEOUT_MS // 1000}s"


def test_connections_give_up_after_db_connect_timeout(settings):
    """An unreachable database host fails a request in DB_CONNECT_TIMEOUT seconds (docs/deployment.md)."""
    connection.ensure_connection()
    assert connection.connection.info.get_parameters()["connect_timeout"] == str(settings.DB_CONNECT_TIMEOUT)
