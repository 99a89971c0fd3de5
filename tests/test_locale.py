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
