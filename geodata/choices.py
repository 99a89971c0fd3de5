"""Vocabularies shared by models, filters, the API and the demo data.

Event types follow ACLED's codebook so our data can be compared with (and
exported to) ACLED-style datasets: each sub-event type belongs to exactly one
event type, and the database refuses any other pairing.
"""

from django.db import models


class PartyKind(models.TextChoices):
    STATE_FORCES = "state_forces", "State forces"
    DE_FACTO_AUTHORITY = "de_facto_authority", "De facto authority"
    NON_STATE_GROUP = "non_state_group", "Non-state armed group"
    INTERNATIONAL = "international", "International force or body"
    CIVILIAN_AUTHORITY = "civilian_authority", "Civilian authority"
    OTHER = "other", "Other"


class PlaceKind(models.TextChoices):
    CITY = "city", "City"
    TOWN = "town", "Town"
    VILLAGE = "village", "Village"
    REGION = "region", "Region"
    SITE = "site", "Site"


# Most important first, where places are thinned at low zooms (PlaceQuerySet.thinned, the vector
# tiles' places layer): cities, regions, towns, villages, then sites.
PLACE_KIND_RANK = {PlaceKind.CITY: 0, PlaceKind.REGION: 1, PlaceKind.TOWN: 2, PlaceKind.VILLAGE: 3, PlaceKind.SITE: 4}


# Below this web-map zoom the places are thinned (PlaceQuerySet.thinned; the map asks for them with
# its zoom there, geodata/mapconfig.py), one per THIN_CELL_PX-pixel cell.
PLACE_THIN_BELOW = 10
PLACE_THIN_CELL_PX = 40


def place_rank_sql(alias):
    """PLACE_KIND_RANK as an SQL CASE on `alias`.kind (for the SQL built by hand: the vector tiles)."""
    whens = " ".join(f"WHEN '{kind.value}' THEN {rank}" for kind, rank in PLACE_KIND_RANK.items())
    return f"CASE {alias}.kind {whens} ELSE {len(PLACE_KIND_RANK)} END"


class DatePrecision(models.IntegerChoices):
    """ACLED's time_precision codes, reused for control changes."""

    DAY = 1, "Exact day"
    WEEK = 2, "Within a week"
    MONTH = 3, "Within a month"


class GeoPrecision(models.IntegerChoices):
    """ACLED's geo_precision codes."""

    TOWN = 1, "At the named town"
    NEAR = 2, "Near a place / part of a region"
    REGION = 3, "Region only"


class Verification(models.TextChoices):
    """An event's or a control change's status, derived from its claims (models/claimstatus.py)."""

    UNSOURCED = "unsourced", "No claims recorded"
    CLAIMED = "claimed", "Claimed"
    DENIED = "denied", "Denied"
    DISPUTED = "disputed", "Disputed"
    CONFIRMED = "confirmed", "Confirmed"


# A control change's status is derived by the same rule as an event's verification, so it has
# the same vocabulary (ControlChangeQuerySet.with_status).
ControlStatus = Verification


class Stance(models.TextChoices):
    ASSERTS = "asserts", "Asserts"
    DENIES = "denies", "Denies"


class FigureQualifier(models.TextChoices):
    EXACT = "exact", "Exact"
    ABOUT = "about", "About"
    AT_LEAST = "at_least", "At least / more than"
    AT_MOST = "at_most", "At most"


class EventType(models.TextChoices):
    BATTLES = "Battles", "Battles"
    EXPLOSIONS = "Explosions/Remote violence", "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians", "Violence against civilians"
    STRATEGIC = "Strategic developments", "Strategic developments"
    PROTESTS = "Protests", "Protests"
    RIOTS = "Riots", "Riots"


# sub-event type -> its ACLED event type
SUB_EVENT_TYPES = {
    "Armed clash": EventType.BATTLES,
    "Government regains territory": EventType.BATTLES,
    "Non-state actor overtakes territory": EventType.BATTLES,
    "Shelling/artillery/missile attack": EventType.EXPLOSIONS,
    "Air/drone strike": EventType.EXPLOSIONS,
    "Remote explosive/landmine/IED": EventType.EXPLOSIONS,
    "Grenade": EventType.EXPLOSIONS,
    "Suicide bomb": EventType.EXPLOSIONS,
    "Chemical weapon": EventType.EXPLOSIONS,
    "Attack": EventType.VIOLENCE_AGAINST_CIVILIANS,
    "Abduction/forced disappearance": EventType.VIOLENCE_AGAINST_CIVILIANS,
    "Sexual violence": EventType.VIOLENCE_AGAINST_CIVILIANS,
    "Disrupted weapons use": EventType.STRATEGIC,
    "Agreement": EventType.STRATEGIC,
    "Arrests": EventType.STRATEGIC,
    "Change to group/activity": EventType.STRATEGIC,
    "Headquarters or base established": EventType.STRATEGIC,
    "Looting/property destruction": EventType.STRATEGIC,
    "Non-violent transfer of territory": EventType.STRATEGIC,
    "Other": EventType.STRATEGIC,
    "Peaceful protest": EventType.PROTESTS,
    "Protest with intervention": EventType.PROTESTS,
    "Excessive force against protesters": EventType.PROTESTS,
    "Violent demonstration": EventType.RIOTS,
    "Mob violence": EventType.RIOTS,
}

SUB_EVENT_TYPE_CHOICES = [(name, name) for name in SUB_EVENT_TYPES]
