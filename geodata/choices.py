"""Vocabularies shared by models, filters, the API and the demo data.

Event types follow ACLED's codebook so our data can be compared with (and
exported to) ACLED-style datasets: each sub-event type belongs to exactly one
event type, and the database refuses any other pairing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartyKind(models.TextChoices):
    STATE_FORCES = "state_forces", _("State forces")
    DE_FACTO_AUTHORITY = "de_facto_authority", _("De facto authority")
    NON_STATE_GROUP = "non_state_group", _("Non-state armed group")
    INTERNATIONAL = "international", _("International force or body")
    CIVILIAN_AUTHORITY = "civilian_authority", _("Civilian authority")
    OTHER = "other", _("Other")


class PlaceKind(models.TextChoices):
    CITY = "city", _("City")
    TOWN = "town", _("Town")
    VILLAGE = "village", _("Village")
    REGION = "region", _("Region")
    SITE = "site", _("Site")


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

    DAY = 1, _("Exact day")
    WEEK = 2, _("Within a week")
    MONTH = 3, _("Within a month")


class GeoPrecision(models.IntegerChoices):
    """ACLED's geo_precision codes."""

    TOWN = 1, _("At the named town")
    NEAR = 2, _("Near a place / part of a region")
    REGION = 3, _("Region only")


class Verification(models.TextChoices):
    """An event's or a control change's status, derived from its claims (models/claimstatus.py)."""

    UNSOURCED = "unsourced", pgettext_lazy("verification status", "No claims recorded")
    CLAIMED = "claimed", pgettext_lazy("verification status", "Claimed")
    DENIED = "denied", pgettext_lazy("verification status", "Denied")
    DISPUTED = "disputed", pgettext_lazy("verification status", "Disputed")
    CONFIRMED = "confirmed", pgettext_lazy("verification status", "Confirmed")


# A control change's status is derived by the same rule as an event's verification, so it has
# the same vocabulary (ControlChangeQuerySet.with_status).
ControlStatus = Verification


class Stance(models.TextChoices):
    ASSERTS = "asserts", pgettext_lazy("claim stance", "Asserts")
    DENIES = "denies", pgettext_lazy("claim stance", "Denies")


class FigureQualifier(models.TextChoices):
    EXACT = "exact", _("Exact")
    ABOUT = "about", _("About")
    AT_LEAST = "at_least", _("At least / more than")
    AT_MOST = "at_most", _("At most")


class EventType(models.TextChoices):
    BATTLES = "Battles", _("Battles")
    EXPLOSIONS = "Explosions/Remote violence", _("Explosions/Remote violence")
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians", _("Violence against civilians")
    STRATEGIC = "Strategic developments", _("Strategic developments")
    PROTESTS = "Protests", _("Protests")
    RIOTS = "Riots", _("Riots")


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

# What readers see for a sub-event type: the stored value stays ACLED's English name (exports and
# imports compare it with ACLED's files), the label is translated (one literal per name for makemessages).
SUB_EVENT_TYPE_LABELS = {
    "Armed clash": _("Armed clash"),
    "Government regains territory": _("Government regains territory"),
    "Non-state actor overtakes territory": _("Non-state actor overtakes territory"),
    "Shelling/artillery/missile attack": _("Shelling/artillery/missile attack"),
    "Air/drone strike": _("Air/drone strike"),
    "Remote explosive/landmine/IED": _("Remote explosive/landmine/IED"),
    "Grenade": _("Grenade"),
    "Suicide bomb": _("Suicide bomb"),
    "Chemical weapon": _("Chemical weapon"),
    "Attack": _("Attack"),
    "Abduction/forced disappearance": _("Abduction/forced disappearance"),
    "Sexual violence": _("Sexual violence"),
    "Disrupted weapons use": _("Disrupted weapons use"),
    "Agreement": _("Agreement"),
    "Arrests": _("Arrests"),
    "Change to group/activity": _("Change to group/activity"),
    "Headquarters or base established": _("Headquarters or base established"),
    "Looting/property destruction": _("Looting/property destruction"),
    "Non-violent transfer of territory": _("Non-violent transfer of territory"),
    "Other": _("Other"),
    "Peaceful protest": _("Peaceful protest"),
    "Protest with intervention": _("Protest with intervention"),
    "Excessive force against protesters": _("Excessive force against protesters"),
    "Violent demonstration": _("Violent demonstration"),
    "Mob violence": _("Mob violence"),
}
assert SUB_EVENT_TYPE_LABELS.keys() == SUB_EVENT_TYPES.keys()

# The editors' choices: the stored value, its label in the editor's language.
SUB_EVENT_TYPE_CHOICES = list(SUB_EVENT_TYPE_LABELS.items())


class NameRole(models.TextChoices):
    """What an alternate name does in the label of its language (docs/place-names.md)."""

    PRIMARY = "primary", _("Primary: the name shown first in this language")
    BRACKET = "bracket", _("Bracket: the other side's name, shown in brackets after it")
    OTHER = "other", _("Other: found by search, listed in the popup, not in the label")


class ImportPhase(models.TextChoices):
    """What a running import is doing: stored in the job (ImportJob.phase), shown in the reader's language."""

    CHECKING = "checking rows", pgettext_lazy("import phase", "checking rows")
    WRITING_EVENTS = "writing events", pgettext_lazy("import phase", "writing events")
    WRITING_CLAIMS = "writing claims", pgettext_lazy("import phase", "writing claims")
