"""What a reader gets when something breaks: 503 when the database is unreachable or too
slow, 500 otherwise; JSON for the API, a small static page for everything else.

Installed as `handler500` (conflictmap/urls.py). Django calls it for every exception
that escapes a view or a middleware (with DEBUG off), from inside its `except`
block, so sys.exc_info() is the exception. Nothing here touches the database or the
template engine, which may be what is broken. Django has already logged the
traceback (logger django.request, with the request id) before calling us.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

from .middleware import current_request_id

_PAGES = Path(__file__).resolve().parent / "errors"
PAGE_503 = (_PAGES / "503.html").read_bytes()
PAGE_500 = (_PAGES / "500.html").read_bytes()

# Requests answered in JSON: the API and oEmbed (whose clients are programs).
JSON_PATH_PREFIXES = ("/api/", "/oembed")


def database_unavailable(exc):
    """Connection refused or lost, server shutting down, statement timeout (QueryCanceled):
    all OperationalError/InterfaceError in psycopg, and all passing faults worth a retry."""
    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc = exc.__cause__
    return False


def server_error(request, *args, **kwargs):
    exc = sys.exc_info()[1]
    unavailable = database_unavailable(exc)
    status = 503 if unavailable else 500
    request_id = getattr(request, "request_id", None) or current_request_id()
    if request.path.startswith(JSON_PATH_PREFIXES):
        detail = (
            "The service is temporarily unavailable (database). Retry later."
            if unavailable
            else "Internal server error. Quote the request id when reporting it."
        )
        response = HttpResponse(
            json.dumps({"detail": detail, "request_id": request_id}),
            status=status,
            content_type="application/json",
        )
    else:
        response = HttpResponse(PAGE_503 if unavailable else PAGE_500, status=status, content_type="text/html; charset=utf-8")
    if unavailable:
        response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
