"""gzip for every response that carries no secret: everything but the admin and per-visitor answers.

BREACH recovers a secret from a compressed HTTPS response that also reflects
attacker-controlled input. The admin carries CSRF tokens and session-bound
data, so it is never compressed, nor is any response that sets a cookie, varies
on the cookie or used a CSRF token. Public pages, embeds, API answers and
exports hold published data only. Cached public answers arrive compressed
already (geodata/httpcache.py) and pass through untouched, as do static files
that whitenoise serves pre-compressed.
"""

from django.middleware.gzip import GZipMiddleware
from django.urls import NoReverseMatch, reverse


def _admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return "/admin/"


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(_admin_prefix()):
            return response
        if (
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or "cookie" in response.get("Vary", "").lower()
        ):
            return response
        return super().process_response(request, response)
