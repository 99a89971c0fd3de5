"""/embed/<slug>/ (the map for news articles) and /oembed.

The embed is the one page that other sites may frame: it replaces the site-wide
CSP `frame-ancestors 'none'` with settings.EMBED_FRAME_ANCESTORS and is exempt
from X-Frame-Options: DENY. It sets no cookies and never reads the session or
the user, so it is the same page, with the same cache headers, for a reader and
for a logged-in editor (no Vary: Cookie).
"""

from functools import wraps
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from ..httpcache import cache_public
from ..mapconfig import map_config
from ..public import public_conflicts
from . import params as embed_params
from . import summary as embed_summary
from .oembed import OEmbedError, oembed_for


def frameable(view):
    """Let any origin in EMBED_FRAME_ANCESTORS frame the view's pages (read per request)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response = csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})(lambda: response)()
        response.xframe_options_exempt = True
        return response

    return wrapped


def embed_map_config(conflict, params):
    """The map page's configuration, narrowed to the embed: its slider range, the light basemap."""
    config = map_config(conflict)
    config["conflict"] = {
        **config["conflict"],
        "start_date": params.start.isoformat(),
        "end_date": params.end.isoformat(),
    }
    # Natural Earth 1:110m (38 KB gzipped) instead of 1:50m (230 KB): the initial data budget.
    config["basemapUrl"] = static("vendor/world-atlas/countries-110m.json")
    return config


def embed_url(conflict, query=""):
    path = reverse("embed", args=[conflict.slug])
    return f"{path}?{query}" if query else path


def map_url(conflict, query=""):
    # The journalist map (branch `map`) lives at /conflicts/<slug>/.
    path = f"/conflicts/{conflict.slug}/"
    return f"{path}?{query}" if query else path


def oembed_discovery_url(request, absolute_page_url):
    return request.build_absolute_uri(reverse("oembed") + "?" + urlencode({"url": absolute_page_url, "format": "json"}))


# Cached by data version (geodata/httpcache.py): ETag, 304, server cache, gzip, Cache-Control; while the
# database is unavailable, the last good copy with a note (an article keeps its map's text, not a 503).
@require_safe
@frameable
@cache_public(max_age_setting="EMBED_CACHE_MAX_AGE", stale_if_error=True)
def embed(request, slug):
    conflict = get_object_or_404(public_conflicts(), slug=slug)
    # Without lang= (or with one we do not have) the embed speaks the reader's language, as every page does.
    params = embed_params.parse(request.GET, conflict, language=translation.get_language())
    query = params.query_string(conflict)
    # The full map opens in the embed's language (the map page reads ?lang= too).
    map_query = f"date={params.date.isoformat()}" + (f"&lang={params.lang}" if params.lang != settings.LANGUAGE_CODE else "")
    with translation.override(params.lang):
        response = render(
            request,
            "embed/embed.html",
            {
                "conflict": conflict,
                "params": params,
                "summary": embed_summary.build(conflict, params),
                "map_url": request.build_absolute_uri(map_url(conflict, map_query)),
                "corrections_url": request.build_absolute_uri(reverse("conflict-corrections", args=[conflict.slug])),
                "oembed_url": oembed_discovery_url(request, request.build_absolute_uri(embed_url(conflict, query))),
                "options": {**params.as_js(), "slug": conflict.slug, "name": conflict.name},
                "map_config": embed_map_config(conflict, params),
                "site_name": settings.SITE_NAME,
                "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        )
    response.headers["Content-Language"] = params.lang
    return response


@require_safe
@gzip_page
def oembed(request):
    try:
        data = oembed_for(request, request.GET)
    except OEmbedError as error:
        return JsonResponse({"detail": error.message}, status=error.status)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=data["cache_age"])
    # Browser-side consumers (e.g. a newsroom CMS preview) may fetch it cross-origin: the data is public.
    response["Access-Control-Allow-Origin"] = "*"
    return response
