"""A tile request's parameters, validated and compiled once per process and parameter set.

A map asks for many tiles with the same query string (the window, the filters, the date, the
language): only z/x/y differ. Validating those parameters with the FilterSets (and the
conflict and party lookups they make) and compiling their querysets to SQL cost more than
building a tile in PostGIS, so they are done once per parameter set and kept here, per
process, as a Prepared: the conflict's id, the layers' compiled rows (mvt.Rows), the parts of
the ETag, and the data version (`stamp`) read *before* the validation.

What is kept depends on the database only through rows that bump the conflict's data version
when they change (geodata/models/dataversion.py): the conflict itself (slug, dates: a rename,
an edit or a delete bumps or removes its version), the parties named by `party=` (an update or
delete bumps every conflict). So a Prepared is used only while the data version the database
returns with the tile equals its `stamp`; the view re-prepares otherwise. Only valid parameter
sets are kept: a bad one goes through the FilterSets every time, with the same 400s as before.
The key holds today's date (the places' default date is today) and the labels' language.
"""

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

from ..api.language import request_language
from ..filtersets import EventFilterSet, PlaceFilterSet
from ..public import public_data_stamp, public_events, public_places
from . import mvt

MAX_ENTRIES = 512  # parameter sets kept per process (each a few KB of SQL), least recently used dropped

_entries = OrderedDict()
_lock = threading.Lock()  # gunicorn's sync workers have one thread, but the test server and gthread not


@dataclass(frozen=True)
class Prepared:
    conflict_id: int
    stamp: str  # the conflict's data version when the parameters were validated
    layers: dict  # {"events" / "places": mvt.Rows}
    language: str
    etag_parts: tuple  # what the tile depends on besides the data version and z/x/y


def key(request, conflict):
    query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    return (conflict, query, request_language(request), datetime.date.today().isoformat())


def cached(request_key):
    with _lock:
        entry = _entries.get(request_key)
        if entry is not None:
            _entries.move_to_end(request_key)
        return entry


def forget(request_key):
    with _lock:
        _entries.pop(request_key, None)


def clear():
    with _lock:
        _entries.clear()


def filtersets(request, conflict, layers):
    """{layer: FilterSet} of the layers asked for, bound to the query string and the conflict."""
    data = request.GET.copy()
    data["conflict"] = conflict
    bound = {}
    if "events" in layers:
        bound["events"] = EventFilterSet(data, queryset=public_events(), request=request)
    if "places" in layers:
        place_data = data.copy()
        if not place_data.get("date") and data.get("end"):
            place_data["date"] = data["end"]  # the places' state at the window's last day
        bound["places"] = PlaceFilterSet(place_data, queryset=public_places(), request=request)
    return bound


def prepare(request, conflict, layers, errors, request_key):
    """(Prepared, None) for valid parameters, kept under `request_key` (key(request, conflict)); else
    (None, errors) with the FilterSets' messages added to `errors` (the path's and `layers`' own)."""
    stamp = public_data_stamp(conflict)  # first: a change during the validation shows as a newer stamp
    bound = filtersets(request, conflict, layers)
    for filterset in bound.values():
        if not filterset.is_valid():
            errors.update(filterset.errors)
    if errors or stamp is None:
        if stamp is None and "conflict" not in errors:  # deleted between the two reads: not found
            errors["conflict"] = [gettext("No conflict with that slug.")]
        return None, errors
    any_filterset = next(iter(bound.values()))
    language = request_language(request)
    places_date = bound["places"].date_shown.isoformat() if "places" in bound else None
    query = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    entry = Prepared(
        conflict_id=any_filterset.form.cleaned_data["conflict"].pk,
        stamp=stamp,
        layers={name: mvt.Rows(filterset.qs) for name, filterset in bound.items()},
        language=language,
        # The code release too: a deployment that changes what a tile holds must not meet old ETags.
        etag_parts=(settings.PUBLIC_CACHE_RELEASE, conflict, tuple(query), language, places_date),
    )
    with _lock:
        _entries[request_key] = entry
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return entry, None
