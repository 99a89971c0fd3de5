"""The interface language of a request (conflictmap/locale.py): ?lang=, then Accept-Language, then English."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("", "", "en"),
        ("?lang=hy", "", "hy"),
        ("?lang=az", "ru", "az"),
        ("", "ru-RU,ru;q=0.9,en;q=0.5", "ru"),
        ("", "hy", "hy"),
        ("", "fr-FR,fr", "en"),
        ("?lang=xx", "az", "az"),
    ],
)
def test_it_picks_the_explicit_choice_then_accept_language_then_english(client, world, query, accept, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get(f"/conflicts/{world.conflict.slug}/{query}", **headers)
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    assert f'<html lang="{expected}"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_it_keeps_one_cache_entry_per_language(client, world):
    url = f"/api/events/?conflict={world.conflict.slug}"
    english = client.get(url)
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    russian_again = client.get(url, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert english["ETag"] != russian["ETag"]
    assert russian["ETag"] == russian_again["ETag"]
    assert russian["Content-Language"] == "ru"


def test_a_redirect_keeps_the_language_chosen(db):
    """The admin's own redirects (a missing record, a save, the login) lead to a page in the language
    the URL asked for; one that names a language, or leaves the site, is left alone."""
    from django.contrib.auth.models import User
    from django.test import Client

    anonymous = Client()
    response = anonymous.get("/admin/geodata/event/?lang=hy")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=") and response["Location"].endswith("&lang=hy")
    chief = User.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    client = Client()
    client.force_login(chief)
    gone = client.get("/admin/geodata/event/999999/change/?lang=ru", follow=True)
    assert [url for url, _ in gone.redirect_chain] == ["/admin/?lang=ru"]
    assert gone["Content-Language"] == "ru" and "не существует" in gone.content.decode()
    unchosen = client.get("/admin/geodata/event/999999/change/", HTTP_ACCEPT_LANGUAGE="az")
    assert unchosen["Location"] == "/admin/"


def test_it_adds_the_language_only_to_this_sites_pages_that_name_none(rf):
    from conflictmap.locale import with_language

    request = rf.get("/admin/?lang=az", HTTP_HOST="localhost")
    assert with_language("/admin/geodata/?p=2", request) == "/admin/geodata/?p=2&lang=az"
    assert with_language("/admin/?lang=ru", request) == "/admin/?lang=ru"
    assert with_language("https://elsewhere.example/", request) == "https://elsewhere.example/"
    assert with_language("/admin/", rf.get("/admin/?lang=xx", HTTP_HOST="localhost")) == "/admin/"
