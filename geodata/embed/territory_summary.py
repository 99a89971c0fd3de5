"""The embed's text summary of the territory on the date: per party, which area it holds (or claims), km², since
when, and who says so (every claim attributed, as for control records). From the public querysets only, in a
fixed number of queries (versions in force, their claims, the overlaps, the parties).
"""

import dataclasses
import datetime

from django.utils.translation import pgettext_lazy

from ..public import public_claims, public_parties, public_territory_in_force, public_territory_overlaps

KIND_ORDER = {"held": 0, "claimed_advance": 1, "contested": 2}
KIND_LABELS = {"held": pgettext_lazy("territory summary", "holds"),
               "claimed_advance": pgettext_lazy("territory summary", "claims to have taken (not counted as held)"),
               "contested": pgettext_lazy("territory summary", "contested / grey zone")}


@dataclasses.dataclass
class TerritoryRow:
    name: str  # the series' name
    party: object  # a Party, or None for a contested area
    kind: str
    kind_label: str
    area_km2: float
    since: datetime.date
    note: str
    claims: list


@dataclasses.dataclass
class OverlapRow:
    parties: tuple  # two Party
    area_km2: float


def territory_at(conflict, date):
    """(rows, overlaps): the published territory version in force of every series on `date`, then overlaps."""
    versions = list(
        public_territory_in_force(date, conflict).with_area_km2().select_related("series__party")
    )
    claims = {}
    for claim in (public_claims().filter(territory_version_id__in=[v.pk for v in versions])
                  .select_related("source", "claimant_party").order_by("claimed_on", "id")):
        claims.setdefault(claim.territory_version_id, []).append(claim)
    rows = sorted(
        (
            TerritoryRow(
                name=v.series.name, party=v.series.party, kind=v.series.kind,
                kind_label=KIND_LABELS.get(v.series.kind, v.series.kind), area_km2=v.area_km2,
                since=v.valid_from, note=v.geometry_note, claims=claims.get(v.pk, []),
            )
            for v in versions
        ),
        key=lambda r: (KIND_ORDER.get(r.kind, 9), r.party.short_name if r.party else "", r.name),
    )
    found = public_territory_overlaps(date, conflict)
    parties = public_parties().in_bulk({p for o in found for p in (o.party_a, o.party_b)})
    overlaps = [OverlapRow(parties=(parties[o.party_a], parties[o.party_b]), area_km2=o.area_km2) for o in found]
    return rows, overlaps
