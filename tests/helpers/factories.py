"""Small builders for test data: explicit arguments, no magic."""

import datetime
import itertools

from django.contrib.gis.geos import Point

from geodata.models import Claim, Conflict, ControlChange, Event, Party, Place, Source, TerritoryVersion

_seq = itertools.count(1)

# Events, control changes and claims are built *published* unless a test passes
# state=...: most tests are about what the public sees; workflow tests say "draft".


def party(name=None, color="#123456", **kwargs):
    n = next(_seq)
    name = name or f"Party {n}"
    return Party.objects.create(
        name=name, short_name=kwargs.pop("short_name", name[:30]), slug=kwargs.pop("slug", f"party-{n}"),
        kind=kwargs.pop("kind", "state_forces"), color=color, **kwargs
    )


def conflict(**kwargs):
    n = next(_seq)
    kwargs.setdefault("slug", f"conflict-{n}")
    kwargs.setdefault("name", f"Conflict {n}")
    kwargs.setdefault("start_date", datetime.date(2020, 9, 27))
    return Conflict.objects.create(**kwargs)


def place(name=None, lat=40.0, lon=46.0, **kwargs):
    n = next(_seq)
    name = name or f"Place {n}"
    return Place.objects.create(
        name=name, slug=kwargs.pop("slug", f"place-{n}"), kind=kwargs.pop("kind", "town"),
        point=Point(lon, lat, srid=4326), **kwargs
    )


def source(**kwargs):
    kwargs.setdefault("outlet", "Test Wire")
    kwargs.setdefault("title", "A report")
    kwargs.setdefault("url", f"https://example.org/report/{next(_seq)}")
    kwargs.setdefault("published_on", datetime.date(2020, 10, 3))
    return Source.objects.create(**kwargs)


def change(place, conflict, party, date, **kwargs):
    kwargs.setdefault("state", "published")
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    return ControlChange.objects.create(place=place, conflict=conflict, party=party, date=date, **kwargs)


def event(conflict, date="2020-10-03", lat=40.0, lon=46.0, **kwargs):
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    kwargs.setdefault("state", "published")
    kwargs.setdefault("sub_event_type", "Shelling/artillery/missile attack")
    kwargs.setdefault("description", "Shelling reported")
    return Event.objects.create(conflict=conflict, date=date, point=Point(lon, lat, srid=4326), **kwargs)


def claim(target, claimant_party=None, stance="asserts", **kwargs):
    field = "event" if isinstance(target, Event) else "control_change"
    if isinstance(target, TerritoryVersion):
        field = "territory_version"
    kwargs.setdefault("state", "published")
    kwargs.setdefault("source", source())
    kwargs.setdefault("summary", "Somebody says so")
    if claimant_party is None and not kwargs.get("claimant_name"):
        kwargs["claimant_name"] = "A spokesperson"
    return Claim.objects.create(**{field: target}, claimant_party=claimant_party, stance=stance, **kwargs)
