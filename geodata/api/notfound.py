"""JSON 404s for every /api/ path that names no endpoint (docs/api.md, Errors).

Without it an unknown path, or an id that is not a number (`/api/events/abc/`), fell
through to Django's HTML 404 page: an API client must get the same JSON as for an
unknown id. The last pattern of geodata/api/urls.py routes here.
"""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _


def not_found(request, path=""):
    # The catch-all makes every /api/ path resolve, so CommonMiddleware's APPEND_SLASH
    # redirect (/api/events -> /api/events/) is no longer triggered: it is done here.
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse({"detail": _("Not found: no API endpoint at this address.")}, status=404)
