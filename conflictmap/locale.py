"""The interface language of every request.

An explicit choice wins: `?lang=` (the map's language switcher and the embed both put it in the
URL, so a shared link opens in the language it was shared in), then the browser's
Accept-Language, then English. No cookie or session: a reader's language lives in the URL, so a
cached page never answers in a language the URL did not ask for.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme


def available():
    return {code for code, _name in settings.LANGUAGES}


def language_for(request):
    """The language code for `request`: a known ?lang=, else Accept-Language, else LANGUAGE_CODE.

    An unknown ?lang= is ignored here; the views that take `lang` as a parameter (the embed)
    report it to the user.
    """
    asked = request.GET.get("lang", "")
    if asked in available():
        return asked
    return translation.get_language_from_request(request, check_path=False)


def with_language(location, request):
    """A redirect's target with the request's explicit ?lang= when it goes to a page of this site
    that names no language: after a save, a delete, a missing record or a login the next page is in
    the language chosen (the admin's redirects are Django's own and know nothing of `lang`)."""
    asked = request.GET.get("lang", "")
    if asked not in available() or not url_has_allowed_host_and_scheme(
        location, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return location
    parts = urlsplit(location)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(name == "lang" for name, _value in query):
        return location
    return urlunsplit(parts._replace(query=urlencode([*query, ("lang", asked)])))


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if 300 <= response.status_code < 400 and "Location" in response:
            response["Location"] = with_language(response["Location"], request)
        return response
