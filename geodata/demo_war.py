"""The whole 2020 war as demo data, loaded through the ACLED importer from files in geodata/demodata/.

A demonstration set assembled by conflictmap from public reporting (docs/data-in-out.md#the-demo-war):
coordinates and dates are facts as reported; every summary is in our words and names who made the
claim. The seed article's records (demo.py) stay as they are; this adds, idempotently (every
`make run` may call it; a second call changes nothing):

- nk2020_places.csv: the places (canonical English name, kind, point) and who held each on 27 September 2020;
- nk2020_names.csv: their names in English, Armenian, Azerbaijani and Russian, each with its role in
  that language's label (primary, or the other side's name in brackets; docs/place-names.md);
- nk2020_events.csv: ACLED-format rows, imported by geodata.importers.acled (published), whose territory
  rows also create the control changes of the war and the handovers;
- nk2020_outlets.csv: who each row's `source` claim is by, and the outlet's address;
- nk2020_claims.csv: the further claims and denials of those events and control changes.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction

from . import demo
from .choices import NameRole, PartyKind, Stance
from .editorial.states import State
from .importers.acled import Attribution, import_file
from .models import ActorMapping, AlternateName, Claim, Conflict, ControlChange, Event, Party, Place, Source

DATA = Path(__file__).resolve().parent / "demodata"
END = datetime.date(2020, 12, 1)  # the last handover under the 10 November statement (Lachin)
NOTICE = ("The events after the seed article are a demonstration set assembled by conflictmap from public "
          "reporting; dates and places as reported, summaries in our own words.")

EXTRA_PARTIES = [
    ("russia", dict(name="Russia (state forces)", short_name="Russia", kind=PartyKind.STATE_FORCES, color="#56b4e9")),
    ("turkey", dict(name="Turkey (state forces)", short_name="Turkey", kind=PartyKind.STATE_FORCES, color="#cc79a7")),
]
ACTORS = {
    "Military Forces of Azerbaijan (2003-)": "azerbaijan",
    "Civilians (Azerbaijan)": "azerbaijan",
    "Military Forces of Armenia (2018-)": "armenia",
    "Civilians (Armenia)": "armenia",
    "Military Forces of Nagorno-Karabakh": "nk-authorities",
    "Civilians (Nagorno-Karabakh)": "nk-authorities",
    "Military Forces of Russia (2000-)": "russia",
    "Military Forces of Turkey (2016-)": "turkey",
}


def _rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _parties():
    for slug, defaults in EXTRA_PARTIES:
        Party.objects.get_or_create(slug=slug, defaults=defaults)
    parties = {p.slug: p for p in Party.objects.filter(slug__in=set(ACTORS.values()))}
    for actor, slug in ACTORS.items():
        ActorMapping.objects.get_or_create(actor=actor, defaults={"party": parties[slug]})
    return parties


def _places(conflict, parties):
    for row in _rows("nk2020_places.csv"):
        place, _ = Place.objects.get_or_create(slug=row["slug"], defaults={
            "name": row["name"], "kind": row["kind"], "point": f"SRID=4326;POINT({row['lon']} {row['lat']})"})
        if not ControlChange.objects.filter(place=place, conflict=conflict).exists():
            ControlChange.objects.create(
                place=place, conflict=conflict, party=parties[row["held_by"]], date=conflict.start_date,
                confirmed=True, state=State.PUBLISHED,
                confirmation_note="Held on 27 September 2020, when the war began: the line of contact of the 1994 "
                                  "ceasefire, as all sides and every outlet of the demonstration set report it.",
            )


def _names():
    """nk2020_names.csv: each place's names in en, hy, az and ru with their role in that language's label
    (docs/place-names.md). A name already there keeps what an editor gave it, except that a name
    without a role (left by an older demo) takes the file's role when that role is still free."""
    places = {p.slug: p for p in Place.objects.filter(slug__in={row["slug"] for row in _rows("nk2020_names.csv")})}
    for row in _rows("nk2020_names.csv"):
        place = places[row["slug"]]
        name, created = AlternateName.objects.get_or_create(
            place=place, name=row["name"], language=row["language"],
            defaults={"role": row["role"], "used_by": row["used_by"]})
        if created or name.role != NameRole.OTHER or row["role"] == NameRole.OTHER:
            continue
        taken = row["role"] == NameRole.PRIMARY and place.alternate_names.filter(
            language=row["language"], role=NameRole.PRIMARY).exists()
        if not taken:
            name.role = row["role"]
            name.save(update_fields=["role"])


def _attributions(parties):
    return {
        row["outlet"]: Attribution(
            claimant_name=row["claimant_name"], claimant_role=row["claimant_role"],
            claimant_party=parties.get(row["claimant_party"]), url=row["url"],
            title=f"{row['outlet']}: statements and reports",
        )
        for row in _rows("nk2020_outlets.csv")
    }


def _claims(conflict, attributions):
    for row in _rows("nk2020_claims.csv"):
        event = Event.objects.get(conflict=conflict, external_id=row["event_id_cnty"])
        if row["target"] == "control_change":
            target = {"control_change": ControlChange.objects.get(conflict=conflict, place=event.place, date=event.date)}
        else:
            target = {"event": event}
        who = attributions[row["outlet"]]
        day = datetime.date.fromisoformat(row["claimed_on"])
        source, _ = Source.objects.get_or_create(outlet=row["outlet"], title=who.title, url=who.url, published_on=day)
        Claim.objects.get_or_create(
            **target, source=source, stance=Stance(row["stance"]), claimed_on=day,
            claimant_party=who.claimant_party, claimant_name=who.claimant_name,
            defaults={"claimant_role": who.claimant_role, "summary": row["summary"], "state": State.PUBLISHED},
        )


@transaction.atomic
def load(stdout=None):
    """Add the war to the demo conflict (created first by demo.load() if missing). Idempotent."""
    demo.load(stdout=stdout)
    conflict = Conflict.objects.get(slug=demo.SLUG)
    if conflict.end_date is None or conflict.end_date < END:
        conflict.end_date = END
    if NOTICE not in conflict.description:
        conflict.description = f"{conflict.description} {NOTICE}".strip()
    conflict.save()
    parties = _parties()
    conflict.parties.add(*parties.values())
    _places(conflict, parties)
    _names()
    attributions = _attributions(parties)
    report = import_file(str(DATA / "nk2020_events.csv"), demo.SLUG, publish=True, attributions=attributions)
    _claims(conflict, attributions)
    if stdout is not None:
        stdout.write(f"Demo war: {report.created} events added, {report.unchanged} already present.")
    return report
