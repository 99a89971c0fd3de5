"""ACLED CSV import: validate every row first (acled_csv.py), then write everything in one transaction, or nothing.

Events are keyed by `event_id_cnty` (Event.external_id) within a conflict; the row's
`timestamp` is kept in ImportedRow so a re-import changes nothing and a newer row updates
its event (through save(), so history records it). New rows are streamed into a staging table
with COPY and written by set-based INSERT ... SELECT (acled_sql.py).
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..choices import SUB_EVENT_TYPES, PartyKind, PlaceKind, Stance
from ..editorial import State
from ..models import (
    ActorMapping,
    Claim,
    Conflict,
    ControlChange,
    ImportedRow,
    Party,
    Place,
    Source,
)
from .acled_csv import BATCH, ImportFailed, no_progress, read
from .acled_sql import write_new_rows
from .messages import Message

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
INTER_KINDS = {
    "1": PartyKind.STATE_FORCES, "2": PartyKind.NON_STATE_GROUP, "3": PartyKind.NON_STATE_GROUP,
    "4": PartyKind.NON_STATE_GROUP, "8": PartyKind.INTERNATIONAL,
}
CODING_SOURCE = "ACLED"
ACLED_URL = "https://acleddata.com/"
SOURCE_TITLE = "ACLED data export"


@dataclass(frozen=True)
class Attribution:
    """Who a row's claim is by, and the Source it cites. By default (an ACLED file) the coding
    source asserts each row, citing ACLED's export; a file compiled by editors (the demo's) maps
    each `source` outlet to the party that made the claim and to the outlet's address."""

    claimant_name: str = CODING_SOURCE
    claimant_role: str = "coding source"
    claimant_party: object = None
    url: str = ACLED_URL
    title: str = SOURCE_TITLE


ACLED = Attribution()
SUGGESTIONS = 50


def _fold(name):
    """Case and accents folded, as the database's lower(unaccent()) does, to group a file's new names."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def unique_slug(text, max_length, fallback, taken):
    """A slug of `text` for which `taken(slug)` is false: `name`, then `name-2`, `name-3`, …"""
    base = slugify(text)[:max_length] or fallback
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    control_changes: int = 0
    new_parties: list = field(default_factory=list)
    new_places: list = field(default_factory=list)
    # (location, suggested place name, score): a new place was created; this existing one is similar.
    suggestions: list = field(default_factory=list)
    # external ids imported earlier that this file no longer has: reported, never deleted.
    missing_upstream: list = field(default_factory=list)

    def lines(self):
        """The report as Messages, rendered by whoever shows it, in its reader's language."""
        yield Message("summary", {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                                  "control_changes": self.control_changes})
        for name in self.new_parties:
            yield Message("new_party", {"name": name})
        for name in self.new_places:
            yield Message("new_place", {"name": name})
        for name, suggestion, score in self.suggestions:
            yield Message("suggestion", {"suggestion": suggestion, "name": name, "score": round(float(score), 2)})
        if self.missing_upstream:
            ids = ", ".join(self.missing_upstream[:20]) + (" …" if len(self.missing_upstream) > 20 else "")
            yield Message("missing_upstream", {"count": len(self.missing_upstream), "ids": ids})


class Importer:
    def __init__(self, conflict, user=None, publish=False, attributions=None, progress=no_progress):
        """`attributions`: {outlet: Attribution} for the rows' `source` values; others get ACLED's.
        `progress(phase, done, total)` is called as batches are written; raising from it (a cancelled
        job) aborts the import, and its transaction writes nothing."""
        self.conflict, self.user, self.publish, self.progress = conflict, user, publish, progress
        self.attributions = attributions or {}
        self.report = Report()
        self.parties, self.places, self.sources = {}, {}, {}
        self.now = timezone.now()

    def editorial(self):
        if self.publish:
            return {"state": State.PUBLISHED, "created_by": self.user, "reviewed_by": self.user,
                    "reviewed_at": self.now}
        return {"state": State.IN_REVIEW, "created_by": self.user, "submitted_by": self.user,
                "submitted_at": self.now}

    def party(self, actor, inter):
        if not actor:
            return None
        if actor not in self.parties:
            mapping = ActorMapping.objects.select_related("party").filter(actor=actor).first()
            party = mapping.party if mapping else Party.objects.filter(name=actor).first()
            if party is None:
                slug = unique_slug(actor, 55, "party", lambda s: Party.objects.filter(slug=s).exists())
                party = Party.objects.create(
                    name=actor, short_name=actor[:40], slug=slug, color="#777777",
                    kind=INTER_KINDS.get(inter, PartyKind.OTHER),
                )
                ActorMapping.objects.create(actor=actor, party=party)
                self.report.new_parties.append(actor)
            self.conflict.parties.add(party)
            self.parties[actor] = party
        return self.parties[actor]

    def prepare(self, rows):
        """Look up, in a few queries, every place and source the rows name; create the missing ones.

        Per row, these lookups were most of an import's time (one query per location and per
        source and day). Locations match canonical or alternate names ignoring case and accents.
        """
        first = {}  # each location's first row, in file order
        for row in rows:
            first.setdefault(row["location"], row)
        names = sorted(first)
        found = Place.objects.by_any_name(names)
        missing = {}  # folded name: the first row of any of its spellings (a file has few locations)
        for name, row in first.items():
            if name not in found:
                missing.setdefault(_fold(name), row)
        taken = set(Place.objects.values_list("slug", flat=True))
        new = []
        for row in missing.values():
            slug = unique_slug(row["location"], 90, "place", taken.__contains__)
            taken.add(slug)
            new.append(Place(name=row["location"], slug=slug, kind=PlaceKind.TOWN,
                             point=f"SRID=4326;POINT({row['lon']} {row['lat']})"))
        # A trigram match is only a suggestion for the editor, never applied silently (capped: a
        # report of hundreds of guesses is read by nobody).
        best = Place.objects.best_matches([place.name for place in new[:SUGGESTIONS]])
        self.report.suggestions = [(name, *best[name]) for name in (p.name for p in new[:SUGGESTIONS]) if name in best]
        Place.objects.bulk_create(new, batch_size=BATCH)
        self.report.new_places = [p.name for p in new]
        created = {_fold(p.name): p for p in new}
        self.places = {name: found.get(name) or created[_fold(name)] for name in names}

        keys = {(r["source"][:200] or CODING_SOURCE, r["date"]) for r in rows}
        existing = Source.objects.filter(outlet__in={o for o, _ in keys}, published_on__in={d for _, d in keys})
        self.sources = {(s.outlet, s.published_on): s for s in existing
                        if (s.title, s.url) == (self.attribution(s.outlet).title, self.attribution(s.outlet).url)}
        fresh = [Source(outlet=outlet, title=self.attribution(outlet).title, url=self.attribution(outlet).url,
                        published_on=day)
                 for outlet, day in sorted(keys) if (outlet, day) not in self.sources]
        for source in Source.objects.bulk_create(fresh, batch_size=BATCH):
            self.sources[source.outlet, source.published_on] = source

    def attribution(self, outlet):
        return self.attributions.get(outlet, ACLED)

    def place(self, row):
        return self.places[row["location"]]

    def source(self, row):
        return self.sources[row["source"][:200] or CODING_SOURCE, row["date"]]

    def event_fields(self, row):
        return {
            "sub_event_type": row["sub"], "event_type": SUB_EVENT_TYPES[row["sub"]], "date": row["date"],
            "time_precision": row["time_precision"], "geo_precision": row["geo_precision"],
            "point": f"SRID=4326;POINT({row['lon']} {row['lat']})", "place": self.place(row),
            "perpetrator": self.party(row["actor1"], row["inter1"]),
            "target": self.party(row["actor2"], row["inter2"]),
            "civilian_targeting": row["civilian_targeting"],
            "description": row["notes"] or f"{row['sub']} at {row['location']}.",
        }

    def staged(self, rows):
        """The new rows as acled_sql.STAGE_COLUMNS: what their events, imported-row records and claims need.

        A list, not a generator: resolving a new actor queries the database, which must not happen on the
        connection while its COPY is open (psycopg waits for the COPY to end: a deadlock). The parties,
        places, sources and claimants are resolved once per name, not once per row.
        """
        parties = {}
        for row in rows:
            # The target first, as the per-row staging resolved them: new parties are created in the same order.
            for actor, inter in ((row["actor2"], row["inter2"]), (row["actor1"], row["inter1"])):
                if actor not in parties:
                    party = self.party(actor, inter)
                    parties[actor] = party.pk if party else None
        places = {name: place.pk for name, place in self.places.items()}
        sources = {key: source.pk for key, source in self.sources.items()}
        claimants = {}
        staged = []
        for row in rows:
            outlet = row["source"][:200] or CODING_SOURCE
            if outlet not in claimants:
                who = self.attribution(outlet)
                claimants[outlet] = (who.claimant_name, who.claimant_role,
                                     who.claimant_party.pk if who.claimant_party else None)
            sub = row["sub"]
            text = row["notes"] or f"{sub} at {row['location']}."
            staged.append((
                row["line"], row["id"], row["date"], sub, SUB_EVENT_TYPES[sub], row["time_precision"],
                row["geo_precision"], row["lon"], row["lat"], places[row["location"]], parties[row["actor1"]],
                parties[row["actor2"]], row["civilian_targeting"], text, sources[outlet, row["date"]],
                row["fatalities"], row["timestamp"], *claimants[outlet], text,
            ))
        return staged

    def claim(self, row, **target):
        who = self.attribution(row["source"][:200] or CODING_SOURCE)
        return Claim(claimant_name=who.claimant_name, claimant_role=who.claimant_role,
                     claimant_party=who.claimant_party, source=self.source(row),
                     stance=Stance.ASSERTS, summary=row["notes"] or f"{row['sub']} at {row['location']}.",
                     killed_combatants=None, **target, **self.editorial())

    def check_control(self, rows):
        """A territory row must hand its place to a party that does not already control it."""
        errors, current = [], {}
        for row in sorted((r for r in rows if r["sub"] in TERRITORY), key=lambda r: (r["date"], r["line"])):
            place, party = self.place(row), self.party(row["actor1"], row["inter1"])
            if place.pk not in current:
                before = ControlChange.objects.effective().in_force_at(row["date"], self.conflict) \
                    .filter(place=place).values_list("party_id", flat=True).first()
                current[place.pk] = before
            if current[place.pk] == party.pk:
                errors.append(Message("already_controls", {"line": row["line"], "place": place.name,
                                                           "party": party.name}))
            current[place.pk] = party.pk
        return errors

    def run(self, rows):
        # Ids and timestamps only: a re-import of a large file is mostly unchanged rows, and a model instance
        # (with its event and point) for each was most of its time. The updated rows' records are loaded below.
        existing = dict(ImportedRow.objects.filter(conflict=self.conflict).values_list("external_id", "timestamp"))
        fresh, updated = [], []
        in_file = {row["id"] for row in rows}
        self.report.missing_upstream = sorted(set(existing) - in_file)
        for row in rows:
            known = existing.get(row["id"])
            if known is None:
                fresh.append(row)
            elif row["timestamp"] > known:
                updated.append(row)
            else:
                self.report.unchanged += 1
        records = {}
        for start in range(0, len(updated), BATCH):  # by batches: a query's IN list stays short
            ids = [row["id"] for row in updated[start:start + BATCH]]
            records.update((r.external_id, r) for r in ImportedRow.objects.filter(
                conflict=self.conflict, external_id__in=ids).select_related("event"))
        updates = [(row, records[row["id"]]) for row in updated]
        self.prepare(fresh + [row for row, _ in updates])
        errors = self.check_control(fresh)
        if errors:
            raise ImportFailed(errors)
        write_new_rows(self.conflict, self.staged(fresh), self.editorial(), self.now, self.progress, len(fresh),
                       BATCH)
        claims = []
        changes = []
        for r in sorted((r for r in fresh if r["sub"] in TERRITORY), key=lambda r: (r["date"], r["line"])):
            changes.append((r, ControlChange(place=self.place(r), conflict=self.conflict,
                                             party=self.party(r["actor1"], r["inter1"]), date=r["date"],
                                             date_precision=min(r["time_precision"], 3),
                                             note=f"From imported row {r['id']}", **self.editorial())))
        for r, change in changes:  # one by one, in date order: the changes-hands trigger sees each previous one
            change.save()
            claims.append(self.claim(r, control_change=change))
        Claim.objects.bulk_create(claims, batch_size=BATCH)
        for row, known in updates:
            event = known.event
            for name, value in self.event_fields(row).items():
                setattr(event, name, value)
            event.save()
            known.timestamp = row["timestamp"]
            known.save(update_fields=["timestamp"])
        self.report.created, self.report.updated = len(fresh), len(updates)
        self.report.control_changes = len(changes)
        return self.report


def import_file(path, conflict_slug, user=None, publish=False, create_conflict=False, dry_run=False,
                attributions=None, progress=no_progress):
    """Import an ACLED CSV; raise ImportFailed listing every bad row; return the Report."""
    rows, errors = read(path, progress)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # An import is an editor's batch job, not a public request: the per-statement timeout
            # that protects the site from runaway queries would cut a large file off halfway
            # (harmlessly, as it is one transaction, but always). Only for this transaction.
            cursor.execute("SET LOCAL statement_timeout = 0")
        conflict = Conflict.objects.filter(slug=conflict_slug).first()
        if conflict is None:
            if not create_conflict:
                raise ImportFailed([Message("no_conflict", {"slug": conflict_slug})])
            dates = [r["date"] for r in rows] or [timezone.now().date()]
            conflict = Conflict.objects.create(slug=conflict_slug, name=conflict_slug.replace("-", " ").title(),
                                               start_date=min(dates), end_date=max(dates))
        report = Importer(conflict, user=user, publish=publish, attributions=attributions, progress=progress).run(rows)
        if dry_run:
            transaction.set_rollback(True)
    return report
