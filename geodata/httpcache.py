"""Caching of public responses, keyed by the public data version (docs/deployment.md, Caching and CDN).

The one function to use is `cache_public`: decorate a public GET view with it
(innermost, under decorators that change headers only), or wrap a class-based
view's `as_view()` in a urls.py:

    @cache_public                                    # conflict from the URL's `slug` or ?conflict=
    def my_view(request, slug): ...

    path("x/", cache_public(views.X.as_view(), vary=("Accept",)))

    cache_public(view, scope=lambda request, *args, **kwargs: kwargs["conflict_slug"])

For every GET or HEAD it reads the conflict's data version (one indexed query,
geodata.public.public_data_stamp: bumped by database triggers on every publish,
withdrawal, correction or change of published rows) and then:

- the ETag is that version plus a digest of the request (path, parameters,
  host, today's date, the `vary` headers): an If-None-Match naming it gets a 304
  with no body before the view runs;
- the server-side cache (Django's cache, settings CACHE_URL) is looked up under
  a key holding the same version, so a copy made before a publish can never be
  served after it: the first request after the commit misses and renders anew;
- `Cache-Control: public, max-age=…, stale-while-revalidate=…` lets browsers
  and a CDN reuse the answer for that long (that, not the server, bounds how
  long a reader may see the data as it was before a publish).

Only a 200 that sets no cookie and used neither the session nor a CSRF token
is cached or marked public; anything else (errors, the browsable API's forms)
passes through untouched. Bodies are stored gzip-compressed once and sent as
such to clients that accept gzip (BREACH does not apply: nothing secret is in
them). A cache that fails (Redis down) is logged and bypassed, never an error.

With `stale_if_error=True` (the embed) every good answer is also kept as the
*last good copy* of its request, under a key without the data version (so a
later request can find it without the database) for PUBLIC_CACHE_STALE_IF_ERROR
seconds. When the database is unreachable or a statement times out, that copy
is served (200, `Warning: 110`, `X-Public-Cache: stale`) with a translated note
in place of STALE_NOTE_MARK saying as of when; without one the exception goes
on to conflictmap/faults.py (the static 503 page).
"""

import datetime
import gzip
import hashlib
import logging
import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.text import compress_string

from conflictmap.faults import database_unavailable

from .public import public_data_stamp

logger = logging.getLogger("geodata.httpcache")

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE = re.compile(r"^(text/|application/([\w.+-]*\+)?(json|xml|javascript)\b)")
# Headers of a view's answer that are not stored with it: set anew for each request.
PER_REQUEST_HEADERS = {"content-length", "content-encoding", "etag", "cache-control", "expires", "date", "x-public-cache"}


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
# Where a page that may be served stale wants the note saying so (templates/embed/embed.html):
# a comment, invisible in a fresh answer.
STALE_NOTE_MARK = b"<!--public-cache:stale-note-->"
STALE_NOTE_TEMPLATE = "public/_stale_note.html"


def conflict_scope(request, *args, **kwargs):
    """The conflict a response shows: the URL's `slug`, else the `conflict` parameter; None = all conflicts."""
    return kwargs.get("slug") or request.GET.get("conflict") or None


def _request_parts(request, vary):
    """What an answer depends on besides the data version and the day (see cache_key)."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    parts = [settings.PUBLIC_CACHE_RELEASE, request.get_host(), request.path, query,
             translation.get_language() or settings.LANGUAGE_CODE]
    return parts + [f"{name}={request.headers.get(name, '')}" for name in vary]


def _digest(parts):
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def cache_key(request, stamp, vary=()):
    """The key of a public response: its data version and everything else the answer depends on.

    Parameters are sorted by name (values keep their order), so ?a=1&b=2 and ?b=2&a=1 share an
    entry. Today's date is part of it: answers without a `date` show today's state. So is the
    code release (settings.PUBLIC_CACHE_RELEASE): a deployment never serves the old templates' pages.
    And the interface language the request resolved to (conflictmap/locale.py): the language, not
    the raw Accept-Language header, so every browser that resolves to Russian shares one entry.
    """
    return f"public:{stamp}:{_digest([*_request_parts(request, vary), datetime.date.today().isoformat()])}"


def stale_key(request, vary=()):
    """The key of a request's last good copy: no data version (it must be found without the
    database) and no day (yesterday's copy, labelled with its time, beats a 503)."""
    return f"public-stale:{_digest(_request_parts(request, vary))}"


def etag_for(key):
    # Weak: the same answer goes out gzip-compressed or not (RFC 9110 8.8.1).
    return f'W/"{key.removeprefix("public:").replace(":", "-")}"'


def _matches(request, etag):
    # "*" is not honoured: it means "any current representation", and the view has not said yet
    # whether there is one (a bad parameter is a 400, not a 304).
    etags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    bare = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == bare for tag in etags)


def _personal(request, response):
    """True when the response may differ per visitor (so it is neither cached nor public)."""
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.accessed)
        or "cookie" in response.get("Vary", "").lower()
        or re.search(r"\b(private|no-store|no-cache)\b", response.get("Cache-Control", ""))
    )


def _entry(response):
    """(status, headers, body, gzipped) of a rendered response, compressed once if worth it."""
    body = response.content
    headers = {name: value for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS}
    compress = len(body) >= 200 and COMPRESSIBLE.match(headers.get("Content-Type", ""))
    return (response.status_code, headers, compress_string(body) if compress else body, bool(compress))


def _from_entry(request, entry):
    status, headers, body, gzipped = entry
    if gzipped and not ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        body, gzipped = gzip.decompress(body), False
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    if entry[3]:
        patch_vary_headers(response, ("Accept-Encoding",))
    if gzipped:
        response["Content-Encoding"] = "gzip"
    return response


def _cache_get(key):
    try:
        return caches[settings.PUBLIC_CACHE_ALIAS].get(key)
    except Exception:  # an unreachable cache server must not take the site down
        logger.exception("public cache: get failed, rendering instead")
        return None


def _cache_set(key, entry, timeout=None):
    try:
        caches[settings.PUBLIC_CACHE_ALIAS].set(key, entry, timeout or settings.PUBLIC_CACHE_TIMEOUT)
    except Exception:
        logger.exception("public cache: set failed, answer not stored")


def _stale_response(request, stored):
    """The last good copy of an answer, marked as such: the note in the page, Warning, a short max-age."""
    entry, rendered_at = stored
    status, headers, body, gzipped = entry
    if gzipped:
        body = gzip.decompress(body)
    when = datetime.datetime.fromisoformat(rendered_at)
    note = render_to_string(STALE_NOTE_TEMPLATE, {"when": timezone.localtime(when)}).strip()
    response = _from_entry(request, (status, headers, body.replace(STALE_NOTE_MARK, note.encode(), 1), False))
    response["X-Public-Cache"] = "stale"
    # RFC 9111 made Warning obsolete, but caches and monitoring still read 110 as "served stale".
    response["Warning"] = '110 - "Response is Stale"'
    # Short: a CDN should ask again soon, and get the live answer once the database is back.
    patch_cache_control(response, public=True, max_age=settings.RETRY_AFTER_SECONDS)
    return response


def _public_headers(response, etag, max_age, vary, stale_if_error=False):
    response["ETag"] = etag
    patch_cache_control(
        response, public=True, max_age=max_age, stale_while_revalidate=settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE
    )
    if stale_if_error and settings.PUBLIC_CACHE_STALE_IF_ERROR:  # RFC 5861: a CDN may do as we do
        patch_cache_control(response, stale_if_error=settings.PUBLIC_CACHE_STALE_IF_ERROR)
    if vary:
        patch_vary_headers(response, vary)
    return response


def cache_public(view=None, *, scope=conflict_scope, vary=(), max_age_setting="PUBLIC_CACHE_MAX_AGE",
                 stale_if_error=False):
    """Cache a public GET view by data version (see the module docstring). Usable with or without arguments.

    scope(request, *args, **kwargs) gives the conflict slug the answer depends on (None: all
    conflicts); `vary` names request headers the answer depends on (the API's "Accept");
    `max_age_setting` the setting giving the seconds for Cache-Control max-age; `stale_if_error`
    keeps a last good copy to serve while the database is unavailable.
    """
    if view is None:
        return lambda view: cache_public(
            view, scope=scope, vary=vary, max_age_setting=max_age_setting, stale_if_error=stale_if_error
        )
    cached = _cached(view, scope, vary, max_age_setting, stale_if_error)
    if not stale_if_error:
        return cached

    @wraps(view)
    def or_last_good_copy(request, *args, **kwargs):
        try:
            return cached(request, *args, **kwargs)
        except Exception as exc:
            if request.method not in ("GET", "HEAD") or not settings.PUBLIC_CACHE_STALE_IF_ERROR:
                raise
            if not database_unavailable(exc):
                raise
            stored = _cache_get(stale_key(request, vary))
            if stored is None:
                raise  # no copy: conflictmap/faults.py answers the static 503 page
            logger.warning("public cache: database unavailable (%s), serving the copy of %s", exc, stored[1])
            return _stale_response(request, stored)

    return or_last_good_copy


def _cached(view, scope, vary, max_age_setting, stale_if_error):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        slug = scope(request, *args, **kwargs)
        # Not a slug (a NUL byte, a space...): names no conflict, and PostgreSQL refuses some such text;
        # the view answers it (a 400 or 404), uncached.
        stamp = public_data_stamp(slug) if slug is None or SLUG.fullmatch(slug) else None
        if stamp is None:  # an unknown conflict: the view answers (an error), nothing is cached
            return view(request, *args, **kwargs)
        key = cache_key(request, stamp, vary)
        etag = etag_for(key)
        max_age = getattr(settings, max_age_setting)
        if _matches(request, etag):
            return _public_headers(HttpResponseNotModified(), etag, max_age, vary, stale_if_error)
        entry = _cache_get(key) if settings.PUBLIC_CACHE_TIMEOUT else None
        state = "hit"
        if entry is None:
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
                response = response.render()  # DRF's Response renders late, after the view
            if response.status_code != 200 or response.streaming or _personal(request, response):
                return response
            state = "miss"
            if settings.PUBLIC_CACHE_TIMEOUT:
                entry = _entry(response)
                _cache_set(key, entry)
                if stale_if_error and settings.PUBLIC_CACHE_STALE_IF_ERROR:
                    stored = (entry, timezone.now().isoformat())
                    _cache_set(stale_key(request, vary), stored, settings.PUBLIC_CACHE_STALE_IF_ERROR)
                if entry[3] and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
                    response = _from_entry(request, entry)  # compressed already: the middleware leaves it
                elif entry[3]:
                    patch_vary_headers(response, ("Accept-Encoding",))
            # Not stored: sent as rendered; PublicGZipMiddleware compresses it for clients that accept gzip.
        else:
            response = _from_entry(request, entry)
        response["X-Public-Cache"] = state
        return _public_headers(response, etag, max_age, vary, stale_if_error)

    return wrapped
