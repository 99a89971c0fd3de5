"""oEmbed 1.0 provider (https://oembed.com/): the embed snippet for one of our map or embed URLs.

GET /oembed?url=<URL>&maxwidth=&maxheight=&format=json

  url        required: our map page (/conflicts/<slug>/) or embed (/embed/<slug>/), on this host
  maxwidth   optional positive integer: the returned width (and the iframe's) never exceeds it
  maxheight  optional positive integer: likewise for the height
  format     json (default); xml answers 501 Not Implemented, as the spec allows

400 missing url, a url that cannot be parsed, or a bad maxwidth/maxheight; 404 a URL that is not ours (another
host, another path, an unknown conflict); 501 another format. The view state in
the URL's query (date, centre, zoom, filters...) is kept, as the embed
understands it (geodata/embed/params.py), so the snippet shows what was shared.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..public import public_conflicts
from . import params as embed_params

DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 600
OUR_PATHS = (re.compile(r"^/conflicts/(?P<slug>[-\w]+)/?$"), re.compile(r"^/embed/(?P<slug>[-\w]+)/?$"))


class OEmbedError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _bad_dimension(name, text):
    return _("%(name)s must be a positive whole number of pixels, got %(value)s.") % {"name": name, "value": repr(text)}


def _dimension(query, name):
    text = query.get(name)
    if text in (None, ""):
        return None
    try:
        value = int(text)
    except ValueError:
        raise OEmbedError(400, _bad_dimension(name, text)) from None
    if value < 1:
        raise OEmbedError(400, _bad_dimension(name, text))
    return value


def our_hosts(request):
    return {request.get_host(), urlsplit(settings.SITE_URL).netloc}


def loader_url(origin):
    """static/embed.js, unhashed: snippets pasted in articles must keep working after deploys."""
    url = settings.STATIC_URL + "embed.js"
    return url if urlsplit(url).scheme else origin + url


def snippet(embed_src, loader_src, title, width, height):
    """The iframe + loader markup (also built, the same way, by the embed builder in the map page)."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="border:0;max-width:100%" data-conflictmap-embed></iframe>\n'
        '<script src="{}" async></script>',
        embed_src, title, width, height, loader_src,
    )


def oembed_for(request, query):
    fmt = (query.get("format") or "").strip().lower() or "json"
    url = (query.get("url") or "").strip()
    if not url:
        raise OEmbedError(400, _("The url parameter is required: the address of a map or embed on this site."))
    maxwidth = _dimension(query, "maxwidth")
    maxheight = _dimension(query, "maxheight")
    if fmt != "json":
        raise OEmbedError(501, _("format=%(format)s is not implemented; only json is.") % {"format": fmt})

    try:
        # urlsplit refuses some malformed URLs (ValueError, e.g. "http://[": an unclosed IPv6 host):
        # the reader's input, so a 400, never a 500.
        parts = urlsplit(url)
    except ValueError:
        raise OEmbedError(400, _("The url parameter is not a valid URL.")) from None
    if parts.scheme not in ("http", "https") or parts.netloc not in our_hosts(request):
        raise OEmbedError(404, _("That URL is not on this site."))
    match = next((m for m in (p.match(parts.path) for p in OUR_PATHS) if m), None)
    if match is None:
        raise OEmbedError(404, _("That URL is not a map or an embed of this site."))
    conflict = public_conflicts().filter(slug=match["slug"]).first()
    if conflict is None:
        raise OEmbedError(404, _("No conflict with that address."))

    # No lang= in the URL: the snippet's embed speaks each reader's language, and the title is in the
    # language of this request (?lang= or Accept-Language); with lang=, both are in that language.
    shared = QueryDict(parts.query)
    params = embed_params.parse(shared, conflict, log=False)
    query_string = params.query_string(conflict)
    origin = f"{parts.scheme}://{parts.netloc}"
    path = reverse("embed", args=[conflict.slug])
    embed_src = origin + path + (f"?{query_string}" if query_string else "")
    width = min(DEFAULT_WIDTH, maxwidth) if maxwidth else DEFAULT_WIDTH
    height = min(DEFAULT_HEIGHT, maxheight) if maxheight else DEFAULT_HEIGHT
    with translation.override(params.lang if shared.get("lang") else translation.get_language()):
        title = _("Map: %(name)s, %(date)s") % {"name": conflict.name, "date": formats.date_format(params.date)}
    return {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": settings.SITE_NAME,
        "provider_url": origin + "/",
        "cache_age": settings.EMBED_CACHE_MAX_AGE,
        "width": width,
        "height": height,
        "html": str(snippet(embed_src, loader_url(origin), title, width, height)),
    }
