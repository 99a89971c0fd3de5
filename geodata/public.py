"""The public querysets: everything the API (and public pages) may show starts here.

Every public endpoint, its filters and its hand-built SQL take their rows from
these functions and nowhere else, so restricting what the public sees (e.g.
adding `.published()`) is a change in this file only.
"""

import hashlib

from django.db import models
from django.db.models import Exists, OuterRef

from .editorial.states import State
from .models import (
    AlternateName,
    Claim,
    Conflict,
    ControlChange,
    Correction,
    DataVersion,
    Event,
    Party,
    Place,
    Source,
    TerritoryVersion,
)


def public_conflicts():
    return Conflict.objects.all()


def public_parties():
    return Party.objects.all()


def public_places():
    return Place.objects.all()


def public_alternate_names():
    return AlternateName.objects.all()


def public_events():
    # Only published events: never drafts, records in review or withdrawn ones (geodata/editorial/).
    return Event.objects.published()


def public_control_changes():
    # Published only; retracted changes never count for control (see
    # ControlChangeQuerySet.effective), so the public timeline does not list them either.
    # Each carries its `status`, derived from its public claims only (with_status), and `until`,
    # the date the next public change of the place takes over (with_until).
    changes = ControlChange.objects.published().effective()
    return changes.with_status(claims=public_claims()).with_until(changes)


def public_claims():
    # A claim is public only if it and its event or control change are published.
    return Claim.objects.published()


def public_claims_of_public_records():
    # The public claims of records already known to be public (rows of public_events() or
    # public_control_changes()): for those, a claim is public when it is published itself.
    # Only for SQL that joins claims to such rows (geojson.py); everywhere else use public_claims().
    return Claim.objects.filter(state=State.PUBLISHED)


def public_sources():
    # Sources of public claims only: a source cited by drafts alone stays unseen (outlet names included).
    return Source.objects.filter(Exists(public_claims().filter(source=OuterRef("pk"))))


def corrected_control_changes():
    # (Any state) control changes with a public correction, annotated with corrected_at: the
    # API joins them to rows it already took from public_control_changes().
    return ControlChange.objects.corrected()


def public_corrections():
    # Corrections of records that are, or were, public (withdrawn ones included: the log says
    # they were withdrawn); never of drafts, records in review, or claims on them.
    return Correction.objects.public()


def public_export_events(conflict, start=None, end=None, annotations=None):
    """Published events of a conflict in a date range, as what an ACLED-style export needs: (rows, claims).

    `rows`: one dict per event (EXPORT_EVENT_FIELDS plus `longitude`, `latitude`, `upstream_timestamp` and
    the `annotations` given), by date then id. `claims`: the events' published claims as
    (event_id, stance, killed_civilians, killed_combatants, outlet) tuples, by event then claim id. Plain
    values, not model instances: building an instance per event, claim, source, party and place was most
    of an export's time (and a GEOS geometry for every point, a quarter of it before that)."""
    events = public_events().filter(conflict=conflict)
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    coordinate = {axis: models.Func(models.F("point"), function=f"ST_{axis}", output_field=models.FloatField())
                  for axis in ("X", "Y")}
    rows = events.annotate(upstream_timestamp=models.F("imported_row__timestamp"), longitude=coordinate["X"],
                           latitude=coordinate["Y"], **(annotations or {})) \
        .order_by("date", "id").values(*EXPORT_EVENT_FIELDS, "upstream_timestamp", "longitude", "latitude",
                                        *(annotations or {}))
    claims = Claim.objects.published().filter(event__in=events.values("pk")).order_by("event_id", "id") \
        .values_list("event_id", "stance", "killed_civilians", "killed_combatants", "source__outlet")
    return rows, claims


EXPORT_EVENT_FIELDS = (
    "id", "external_id", "date", "time_precision", "event_type", "sub_event_type", "perpetrator__name",
    "perpetrator__kind", "target__name", "target__kind", "civilian_targeting", "place__name", "geo_precision",
    "description", "created_at",
)


def public_territory_versions():
    # Published territory versions only (drafts, records in review and withdrawn ones never).
    return TerritoryVersion.objects.published()


def public_territory_in_force(date, conflict):
    """The published territory version in force of every series of `conflict` at `date` (one query, indexed),
    annotated with `previous_id`: the previous published version of its series (TerritoryVersion.before)."""
    versions = public_territory_versions()
    previous = versions.before(OuterRef("series_id"), OuterRef("valid_from")).values("id")[:1]
    return versions.in_force_at(date, conflict).annotate(previous_id=models.Subquery(previous))


def public_territory_changes(start, end, conflict):
    # Area gained and lost per party between the published states at `start` and `end` (PartyChange rows);
    # the API embeds public_territory_versions().changes_between_sql(...) in its statement instead.
    return public_territory_versions().changes_between(start, end, conflict)


def public_territory_overlaps(date, conflict):
    # Where two parties' published held areas overlap at `date` (Overlap rows); SQL: .overlaps_at_sql(...).
    return public_territory_versions().overlaps_at(date, conflict)


def public_territory_front_lines(date, conflict):
    # The front lines between two parties' published held areas at `date` (FrontLine rows); SQL: .front_line_at_sql(...).
    return public_territory_versions().front_line_at(date, conflict)


def public_data_stamp(conflict_slug=None):
    """The public data version of a conflict (by slug) as a short string, for ETags and cache keys.

    None for an unknown slug (the response is an error: not cached). Without a slug, the stamp
    of every conflict's version at once (pages and API answers that span conflicts): it changes
    when any conflict's does, and when a conflict is created or deleted. One query either way.
    """
    rows = DataVersion.objects.order_by("conflict_id")
    if conflict_slug is not None:
        row = rows.filter(conflict__slug=conflict_slug).first()
        return row.stamp if row is not None else None
    joined = ",".join(f"{row.conflict_id}:{row.stamp}" for row in rows)
    return "all." + hashlib.sha256(joined.encode()).hexdigest()[:16]


def public_data_stamp_sql(conflict_id):
    """SQL of the data version of conflict `conflict_id` (an int) as two columns, version and
    changed_at, to embed in a larger statement (one round trip); NULLs for an unknown id.
    `data_stamp(version, changed_at)` makes them the string public_data_stamp returns."""
    table = DataVersion._meta.db_table
    row = f"FROM {table} WHERE conflict_id = {int(conflict_id)}"
    return f"(SELECT version {row}), (SELECT changed_at {row})"


def data_stamp(version, changed_at):
    """The stamp of a version read with public_data_stamp_sql; None when there was no row."""
    if version is None:
        return None
    return DataVersion(version=version, changed_at=changed_at).stamp
