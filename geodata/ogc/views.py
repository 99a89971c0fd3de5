"""OGC API Features, Part 1: Core, at /ogc/ (docs/data-in-out.md#ogc-api-features).

JSON (GeoJSON for features) by default, HTML with `f=html` or when the client prefers text/html
(a browser). Published data only: every collection starts from a public queryset.
"""

import datetime
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from ..choices import SUB_EVENT_TYPE_LABELS, PlaceKind, Verification
from .collections import COLLECTIONS
from .params import ItemsForm, encode_cursor

GEOJSON = "application/geo+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
]
TITLE = gettext_lazy("conflictmap: OGC API Features")


def _dumps(document, **kwargs):
    """JSON of a document whose titles and descriptions may be lazy translations (in the request's language)."""

    def text(value):
        if isinstance(value, Promise):
            return str(value)
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    return json.dumps(document, default=text, **kwargs)


def wants_html(request):
    chosen = request.GET.get("f")
    if chosen in ("html", "json"):
        return chosen == "html"
    accept = request.headers.get("Accept", "")
    html, json_ = accept.find("text/html"), max(accept.find("json"), -1)
    return html != -1 and (json_ == -1 or html < json_)


def error(status, message, **extra):
    return JsonResponse({"code": {400: "InvalidParameterValue", 404: "NotFound"}.get(status, "Error"),
                         "description": message, **extra}, status=status)


def _url(request, name, *args, **query):
    url = request.build_absolute_uri(reverse(name, args=args))
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def _link(href, rel, type_, title):
    return {"href": href, "rel": rel, "type": type_, "title": title}


def _self_links(request, name, *args, json_type="application/json"):
    as_html = wants_html(request)
    return [
        _link(_url(request, name, *args, f="json"), "alternate" if as_html else "self", json_type, _("This document as JSON")),
        _link(_url(request, name, *args, f="html"), "self" if as_html else "alternate", "text/html", _("This document as HTML")),
    ]


def respond(request, document, template, content_type="application/json"):
    if wants_html(request):
        return render(request, template, {"doc": document, "doc_title": document.get("title", TITLE)})
    return HttpResponse(_dumps(document, separators=(",", ":")), content_type=content_type)


def _bad_format(request):
    if request.GET.get("f") not in (None, "", "json", "html"):
        return error(400, _("f must be json or html."))
    return None


@require_safe
def landing(request):
    if (bad := _bad_format(request)) is not None:
        return bad
    document = {
        "title": TITLE,
        "description": _("Published records of conflictmap: events, places and control changes, each with the "
                         "claims behind it. Every figure and attribution is a claim by the named claimant."),
        "links": [
            *_self_links(request, "ogc-landing"),
            _link(_url(request, "ogc-conformance"), "conformance", "application/json", _("Conformance classes")),
            _link(_url(request, "ogc-collections"), "data", "application/json", _("The collections")),
            _link(request.build_absolute_uri(reverse("api-docs")), "service-doc", "text/html",
                  _("The conflictmap API (/api/)")),
        ],
    }
    return respond(request, document, "ogc/landing.html")


@require_safe
def conformance(request):
    if (bad := _bad_format(request)) is not None:
        return bad
    document = {"title": _("Conformance"), "conformsTo": CONFORMANCE, "links": _self_links(request, "ogc-conformance")}
    return respond(request, document, "ogc/conformance.html")


def _collection(request, collection):
    return {
        "id": collection.id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
        "extent": collection.extent(),
        "links": [
            _link(_url(request, "ogc-collection", collection.id), "self", "application/json", collection.title),
            _link(_url(request, "ogc-items", collection.id, f="json"), "items", GEOJSON, _("%(title)s (GeoJSON)") % {"title": collection.title}),
            _link(_url(request, "ogc-items", collection.id, f="html"), "items", "text/html", _("%(title)s (HTML)") % {"title": collection.title}),
        ],
    }


@require_safe
def collections(request):
    if (bad := _bad_format(request)) is not None:
        return bad
    document = {
        "title": _("Collections"),
        "links": _self_links(request, "ogc-collections"),
        "collections": [_collection(request, c) for c in COLLECTIONS.values()],
    }
    return respond(request, document, "ogc/collections.html")


@require_safe
def collection(request, collection_id):
    found = COLLECTIONS.get(collection_id)
    if found is None:
        return error(404, _("No collection '%(id)s'. Collections: %(ids)s.") % {"id": collection_id, "ids": ", ".join(COLLECTIONS)})
    if (bad := _bad_format(request)) is not None:
        return bad
    document = _collection(request, found)
    document["links"][:1] = _self_links(request, "ogc-collection", found.id)
    return respond(request, document, "ogc/collection.html")


@require_safe
def items(request, collection_id):
    found = COLLECTIONS.get(collection_id)
    if found is None:
        return error(404, _("No collection '%(id)s'. Collections: %(ids)s.") % {"id": collection_id, "ids": ", ".join(COLLECTIONS)})
    form = ItemsForm(request.GET)
    if not form.is_valid():
        return error(400, _("Bad parameters."), errors={k: [str(m) for m in v] for k, v in form.errors.items()})
    params = form.cleaned_data
    limit = params["limit"]
    matching = found.filtered(params)
    page = matching if params["cursor"] is None else found.after(matching, params["cursor"])
    # One more than asked for tells whether there is a next page without counting the rest.
    features = found.features(page, limit + 1, params)
    more, features = len(features) > limit, features[:limit]
    passed = {k: v for k, v in request.GET.items() if k not in ("cursor", "f")}
    links = [
        _link(_url(request, "ogc-items", found.id, **passed, cursor=request.GET.get("cursor"), f="json"),
              "alternate" if wants_html(request) else "self", GEOJSON, _("This page as GeoJSON")),
        _link(_url(request, "ogc-items", found.id, **passed, cursor=request.GET.get("cursor"), f="html"),
              "self" if wants_html(request) else "alternate", "text/html", _("This page as HTML")),
        _link(_url(request, "ogc-collection", found.id), "collection", "application/json", found.title),
    ]
    if more:
        cursor = encode_cursor(found.cursor_of(features[-1]))
        fmt = "html" if wants_html(request) else "json"
        links.append(_link(_url(request, "ogc-items", found.id, **passed, cursor=cursor, f=fmt), "next",
                           "text/html" if fmt == "html" else GEOJSON, _("Next page")))
    document = {
        "type": "FeatureCollection",
        "title": found.title,
        "timeStamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "numberMatched": matching.count(),
        "numberReturned": len(features),
        "features": features,
        "links": links,
    }
    if wants_html(request):
        return render(request, "ogc/items.html", {
            "doc": document, "doc_title": found.title, "collection": found, "rows": _rows(found, features)})
    return HttpResponse(_dumps(document, separators=(",", ":")), content_type=GEOJSON)


def _value(properties, path):
    value = properties
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return "" if value is None else value


# The HTML table shows a coded value by its label in the reader's language; the JSON keeps the codes.
CELL_LABELS = {
    "kind": dict(PlaceKind.choices),
    "verification": dict(Verification.choices),
    "status": dict(Verification.choices),
    "sub_event_type": SUB_EVENT_TYPE_LABELS,
}


def _cell(properties, path):
    value = _value(properties, path)
    return CELL_LABELS.get(path, {}).get(value, value) if isinstance(value, str) else value


def _rows(collection, features):
    return [{"id": f["id"], "cells": [_cell(f["properties"], path) for _, path in collection.columns]}
            for f in features]


@require_safe
def item(request, collection_id, feature_id):
    found = COLLECTIONS.get(collection_id)
    if found is None:
        return error(404, _("No collection '%(id)s'. Collections: %(ids)s.") % {"id": collection_id, "ids": ", ".join(COLLECTIONS)})
    form = ItemsForm({k: v for k, v in request.GET.items() if k in ("datetime", "f")})
    if not form.is_valid():
        return error(400, _("Bad parameters."), errors={k: [str(m) for m in v] for k, v in form.errors.items()})
    pk = int(feature_id) if feature_id.isdigit() and int(feature_id) < 2**63 else None
    feature = found.item(pk, form.cleaned_data) if pk else None
    if feature is None:
        return error(404, _("No published item %(item)s in %(collection)s.") % {"item": feature_id, "collection": found.id})
    feature["links"] = [
        *_self_links(request, "ogc-item", found.id, feature_id, json_type=GEOJSON),
        _link(_url(request, "ogc-collection", found.id), "collection", "application/json", found.title),
    ]
    if wants_html(request):
        return render(request, "ogc/item.html", {
            "doc": feature, "doc_title": _("%(title)s: %(item)s") % {"title": found.title, "item": feature_id}, "collection": found,
            "properties": json.dumps(feature["properties"], indent=2, ensure_ascii=False)})
    return HttpResponse(_dumps(feature, separators=(",", ":")), content_type=GEOJSON)
