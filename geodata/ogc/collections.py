"""The OGC API Features collections: published events, places and control changes.

Each collection filters a public queryset (public.py) by bbox, datetime and conflict, pages it
by keyset (a cursor on the collection's order, so a page costs the same at any depth and rows
inserted meanwhile are neither skipped nor repeated), and builds its features with the API's
own SQL (api/geojson.py): a feature here has the same properties as in /api/.
"""

import datetime
import json

from django.contrib.gis.db.models import Extent
from django.db.models import Max, Min, Q
from django.utils.translation import gettext_lazy as _

from ..api import geojson
from ..api.territory_geojson import territory_sql
from ..filtersets import default_date
from ..public import (
    public_conflicts,
    public_control_changes,
    public_events,
    public_places,
    public_territory_in_force,
    public_territory_versions,
)


class Collection:
    id = title = description = ""
    date_field = None  # the temporal property filtered by `datetime`, or None (no temporal extent)
    point_field = "point"
    # (heading, property) pairs shown in the HTML table of items.
    columns = ()

    def base(self):
        raise NotImplementedError

    def filtered(self, params):
        qs = self.base()
        if params.get("conflict") is not None:
            qs = self.in_conflict(qs, params["conflict"])
        if params.get("bbox") is not None:
            box = params["bbox"]
            box.srid = 4326
            qs = qs.filter(**{f"{self.point_field}__bboverlaps": box})
        if self.date_field and params.get("datetime"):
            start, end = params["datetime"]
            if start:
                qs = qs.filter(**{f"{self.date_field}__gte": start})
            if end:
                qs = qs.filter(**{f"{self.date_field}__lte": end})
        return qs

    def in_conflict(self, qs, conflict):
        return qs.filter(conflict=conflict)

    def item(self, pk, params):
        """The feature with id `pk`, or None."""
        found = self.features(self.base().filter(pk=pk), 1, params)
        return found[0] if found else None

    def extent(self):
        qs = self.base().order_by()
        aggregates = {"box": Extent(self.point_field)}
        if self.date_field:
            aggregates.update(first=Min(self.date_field), last=Max(self.date_field))
        found = qs.aggregate(**aggregates)
        extent = {"spatial": {"bbox": [list(found["box"]) if found["box"] else [-180, -90, 180, 90]],
                              "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
        if self.date_field:
            interval = [d.isoformat() if d else None for d in (found["first"], found["last"])]
            extent["temporal"] = {"interval": [interval], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
        return extent


class NewestFirst(Collection):
    """Ordered by (date, id), newest first; the cursor is the last item's (date, id)."""

    def after(self, qs, cursor):
        day, pk = cursor
        try:
            day = datetime.date.fromisoformat(day)
        except ValueError:
            return qs.none()
        return qs.filter(Q(date__lt=day) | Q(date=day, id__lt=pk))

    @staticmethod
    def cursor_of(feature):
        return [feature["properties"]["date"], feature["id"]]


class Events(NewestFirst):
    id, title = "events", _("Events")
    description = _("Published reports of shelling, strikes and other events. Every figure and every attribution "
                    "is a claim by the named claimant; `verification` is derived from the claims.")
    date_field = "date"
    columns = ((_("Date"), "date"), (_("Type"), "sub_event_type"), (_("Place"), "place.display_name"),
               (_("Perpetrator (claimed)"), "perpetrator.short_name"), (_("Verification"), "verification"))

    def base(self):
        return public_events()

    def features(self, qs, limit, params):
        _count, text = geojson.fetch(geojson.events_sql(qs, 0, limit))
        return json.loads(text)


class ControlChanges(NewestFirst):
    id, title = "control-changes", _("Control changes")
    description = _("Published, effective changes of who controls a place, each with the claims that assert or "
                    "deny it. The geometry is the place's point.")
    date_field = "date"
    point_field = "place__point"
    columns = ((_("Date"), "date"), (_("Place"), "place.display_name"), (_("Party"), "party.short_name"),
               (_("Status"), "status"))

    def base(self):
        return public_control_changes()

    def features(self, qs, limit, params):
        _count, text = geojson.fetch(geojson.control_changes_sql(qs, 0, limit))
        features = []
        for item in json.loads(text):
            lon, lat = item["place"].pop("lon"), item["place"].pop("lat")
            pk = item.pop("id")
            features.append({"type": "Feature", "id": pk, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                             "properties": item})
        return features


class Places(Collection):
    """Places with their controller on a date: the end (or the instant) of `datetime`, else the
    conflict's default date, else today. Places have no temporal extent: `datetime` chooses the
    state shown and filters nothing. Ordered by name; the cursor is the last item's (name, id)."""

    id, title = "places", _("Places")
    description = _("Geocoded places with their names in each language and who controlled them on the date asked "
                    "for with `datetime` (today by default), with the claims behind that control.")
    columns = ((_("Name"), "display_name"), (_("Kind"), "kind"), (_("Controlled by"), "control.party.short_name"),
               (_("Since"), "control.since"))

    def base(self):
        return public_places()

    def in_conflict(self, qs, conflict):
        return qs.in_conflict(conflict)

    def after(self, qs, cursor):
        name, pk = cursor
        return qs.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))

    @staticmethod
    def cursor_of(feature):
        return [feature["properties"]["name"], feature["id"]]

    def features(self, qs, limit, params):
        ids = list(qs.order_by("name", "id").values_list("id", flat=True)[:limit])
        places = public_places().filter(id__in=ids).with_controller_at(
            state_date(params), params.get("conflict"), changes=public_control_changes())
        return json.loads(geojson.fetch(geojson.places_sql(places))[0])


def state_date(params):
    """The date of the state shown for `datetime` (its end for an interval), else the conflict's default, else today."""
    span = params.get("datetime") or (None, None)
    conflict = params.get("conflict")
    return span[1] or span[0] or (default_date(conflict) if conflict else datetime.date.today())


class Territory(Collection):
    """The published territory version in force of every series on a date (as for places, `datetime`
    chooses the date; its end for an interval), with the properties of /api/territory/. Overlaps of
    held areas are in /api/territory/ only. Ordered by version id; the cursor is the last id."""

    id, title = "territory", _("Territory")
    description = _("Areas held, claimed or contested on the date asked for with `datetime` (today by default): "
                    "one feature per territory series, its version in force, with the claims behind it and its area "
                    "in km². The polygons of the demonstration data are approximations.")
    point_field = "geometry"
    columns = ((_("Series"), "series_name"), (_("Kind"), "kind"), (_("Party"), "party.short_name"),
               (_("Since"), "valid_from"), (_("km²"), "area_km2"), (_("Status"), "status"))

    def base(self):
        return public_territory_versions()

    def extent(self):
        extent = super().extent()
        found = self.base().order_by().aggregate(first=Min("valid_from"), last=Max("valid_from"))
        extent["temporal"] = {"interval": [[d.isoformat() if d else None for d in (found["first"], found["last"])]],
                              "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
        return extent

    def filtered(self, params):
        qs = public_territory_in_force(state_date(params), params.get("conflict"))
        if params.get("bbox") is not None:
            box = params["bbox"]
            box.srid = 4326
            qs = qs.filter(geometry__bboverlaps=box)
        return qs

    def after(self, qs, cursor):
        return qs.filter(id__gt=cursor[1])

    @staticmethod
    def cursor_of(feature):
        return ["", feature["id"]]

    def item(self, pk, params):
        # A version as it was on its first day: the state of that date holds it (a later one may not).
        version = self.base().filter(pk=pk).first()
        if version is None:
            return None
        found = self.features(self.base().filter(pk=pk), 1, {"datetime": (version.valid_from, version.valid_from)})
        return found[0] if found else None

    def features(self, qs, limit, params):
        day = state_date(params)
        ids = set(qs.order_by("id").values_list("id", flat=True)[:limit])
        conflicts = public_conflicts().filter(territory_series__versions__in=ids).distinct()
        features = []
        for conflict in conflicts:
            text = geojson.fetch(territory_sql(conflict, day))[0]
            features += [f for f in json.loads(text) if f["id"] in ids]
        return sorted(features, key=lambda f: f["id"])


COLLECTIONS = {c.id: c for c in (Events(), Places(), ControlChanges(), Territory())}
