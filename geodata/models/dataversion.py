"""The public data version of each conflict: what public caches are keyed by.

One DataVersion row per conflict holds a counter (`version`) and the moment it
last changed (`changed_at`). Statement-level AFTER triggers (pgtrigger, declared
in the Meta.triggers of every table public pages read) bump the counter of every
conflict a statement touched, whatever wrote it: the admin, an import, a bulk
update, COPY or raw SQL. Public responses put the version in their ETag and in
their server-side cache key (geodata/httpcache.py), so a publish makes every
cached copy of that conflict unreachable at once and nothing cached is ever
served past the commit that changed it.

What bumps: any INSERT, UPDATE or DELETE of a row that is, or was, published
(events, control changes, claims, territory versions: drafts and records in
review are invisible to the public, so editing them costs the caches nothing),
of the corrections log and territory series, of a place or its alternate names
(the conflicts whose events or control changes name that place), of a source
(the conflicts whose published claims cite it), and of a party (shared by every
conflict: all of them). A row is created with the
conflict (version 1) and dies with it.

`changed_at` (clock_timestamp(), microseconds) goes into the key with the
counter, so a database recreated or restored from a backup, whose counters
start again from old values, never meets the cache entries of another life.

One trigger per operation and table: PostgreSQL refuses transition tables on a
trigger with more than one event. Statement level, so a COPY of 100,000 events
bumps each conflict once, not 100,000 times. The bump takes the conflict's row
lock until commit: concurrent writes to one conflict serialise on it (editorial
writes are few; a long import makes a publish to the same conflict wait, not fail).
Two transactions that each write to the same two conflicts in opposite orders can
deadlock on those rows; PostgreSQL then aborts one of them, which can be retried.
"""

import datetime

import pgtrigger
from django.contrib.gis.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
PUBLISHED = "'published'"
BUMP = """
UPDATE geodata_dataversion SET version = version + 1, changed_at = clock_timestamp()
 WHERE conflict_id IN ({conflicts});
RETURN NULL;
"""


def _triggers(conflicts, operations=("insert", "update", "delete")):
    """AFTER statement triggers bumping the conflicts that `conflicts` (SQL, `{rows}` = a transition table) names.

    On UPDATE both the old and the new rows count: a record moved to another conflict, or
    leaving the published state (a withdrawal), changes what the public saw before.
    """
    made = []
    for op in operations:
        if op == "update":
            ids = f"{conflicts.format(rows='old_rows')} UNION {conflicts.format(rows='new_rows')}"
            referencing = pgtrigger.Referencing(old="old_rows", new="new_rows")
        else:
            rows = "new_rows" if op == "insert" else "old_rows"
            ids = conflicts.format(rows=rows)
            referencing = pgtrigger.Referencing(**{"new" if op == "insert" else "old": rows})
        made.append(
            pgtrigger.Trigger(
                name=f"data_version_{op}",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation={"insert": pgtrigger.Insert, "update": pgtrigger.Update, "delete": pgtrigger.Delete}[op],
                referencing=referencing,
                func=BUMP.format(conflicts=ids),
            )
        )
    return made


def published_rows_triggers():
    """For events and control changes: their own conflict, when published before or after."""
    return _triggers(f"SELECT conflict_id FROM {{rows}} WHERE state = {PUBLISHED}")


def conflict_rows_triggers():
    """For rows of one conflict with no editorial state (corrections log, territory series)."""
    return _triggers("SELECT conflict_id FROM {rows}")


def territory_version_triggers():
    return _triggers(
        "SELECT s.conflict_id FROM {rows} r JOIN geodata_territoryseries s ON s.id = r.series_id"
        f" WHERE r.state = {PUBLISHED}"
    )


def claim_triggers():
    """A claim counts for the conflict of its event, control change or territory version."""
    where = f"WHERE r.state = {PUBLISHED}"
    return _triggers(
        f"SELECT e.conflict_id FROM {{rows}} r JOIN geodata_event e ON e.id = r.event_id {where}"
        f" UNION SELECT c.conflict_id FROM {{rows}} r JOIN geodata_controlchange c ON c.id = r.control_change_id {where}"
        " UNION SELECT s.conflict_id FROM {rows} r JOIN geodata_territoryversion v ON v.id = r.territory_version_id"
        f" JOIN geodata_territoryseries s ON s.id = v.series_id {where}"
    )


def place_triggers(place_column):
    """Places and alternate names: the conflicts whose events or control changes name the place.

    A place named by no record is on no public page. Deleting a place first nulls or deletes
    the records naming it (Django's collector), and those statements bump their conflicts.
    """
    places = f"SELECT {place_column} FROM {{rows}}"
    return _triggers(
        f"SELECT conflict_id FROM geodata_event WHERE place_id IN ({places})"
        f" UNION SELECT conflict_id FROM geodata_controlchange WHERE place_id IN ({places})"
    )


def party_triggers():
    """Parties are shared by every conflict (lists, legends, claimants): a change bumps all of them.

    Not an insert: a new party is on no public page until a record or a conflict names it, and
    that write bumps. A delete does (it takes the party off the conflicts that listed it).
    """
    return _triggers("SELECT conflict_id FROM geodata_dataversion", operations=("update", "delete"))


def source_triggers():
    """A source changes the conflicts whose published claims cite it.

    Inserting one shows nothing until a claim cites it (the claim bumps); claims protect a
    cited source from deletion.
    """
    cited = "SELECT id FROM {rows}"
    where = f"WHERE c.state = {PUBLISHED} AND c.source_id IN ({cited})"
    return _triggers(
        f"SELECT e.conflict_id FROM geodata_claim c JOIN geodata_event e ON e.id = c.event_id {where}"
        f" UNION SELECT cc.conflict_id FROM geodata_claim c JOIN geodata_controlchange cc"
        f" ON cc.id = c.control_change_id {where}"
        " UNION SELECT s.conflict_id FROM geodata_claim c JOIN geodata_territoryversion v"
        f" ON v.id = c.territory_version_id JOIN geodata_territoryseries s ON s.id = v.series_id {where}",
        operations=("update",),
    )


def conflict_triggers():
    """A new conflict gets its version row; a change to one bumps it (a delete takes the row with it)."""
    create = pgtrigger.Trigger(
        name="data_version_create",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        referencing=pgtrigger.Referencing(new="new_rows"),
        func="""
        INSERT INTO geodata_dataversion (conflict_id, version, changed_at)
        SELECT id, 1, clock_timestamp() FROM new_rows ON CONFLICT (conflict_id) DO NOTHING;
        RETURN NULL;
        """,
    )
    return [create, *_triggers("SELECT id FROM {rows}", operations=("update",))]


class DataVersion(models.Model):
    conflict = models.OneToOneField(
        "geodata.Conflict", on_delete=models.CASCADE, primary_key=True, related_name="data_version",
        verbose_name=_("conflict"),
    )
    version = models.BigIntegerField(_("version"), default=1, db_default=1)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("public data version")
        verbose_name_plural = _("public data versions")

    def __str__(self):
        return f"{self.conflict_id}: version {self.version}"

    @property
    def stamp(self):
        """The version as it goes into ETags and cache keys: counter and change time (µs, base 36)."""
        micros = (self.changed_at - _EPOCH) // datetime.timedelta(microseconds=1)
        return f"{self.version}.{_base36(micros)}"


def _base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out
