"""What the public corrections log says about a record.

The log keeps a neutral label of the record (its kind, date and place, never
its own free text, so that a withdrawn record's wording does not stay public
through the log).
"""

from django.utils import translation


def conflict_of(record):
    if record._meta.model_name == "claim":
        return conflict_of(_claim_parent(record))
    if record._meta.model_name == "territoryversion":
        return record.series.conflict_id
    return record.conflict_id


def _claim_parent(claim):
    if claim.event_id:
        return claim.event
    return claim.control_change if claim.control_change_id else claim.territory_version


def neutral_label(record):
    """Kind, date and place of a record: no free text written by the editors.

    Stored with the correction, so always in English (the kind of a territory is a translated
    label), whatever the language of the editor who made the change.
    """
    with translation.override("en"):
        return _neutral_label(record)


def _neutral_label(record):
    name = record._meta.model_name
    if name == "event":
        where = f" in {record.place.name}" if record.place_id else ""
        return f"Event of {record.date:%Y-%m-%d}{where} ({record.sub_event_type})"
    if name == "controlchange":
        return f"Control of {record.place.name} from {record.date:%Y-%m-%d}"
    if name == "territoryversion":
        series = record.series  # its kind and party, not the editors' name for it
        whose = f" of {series.party.short_name}" if series.party_id else ""
        return f"Territory ({series.get_kind_display()}{whose}) from {record.valid_from:%Y-%m-%d}"
    parent = _claim_parent(record)
    label = _neutral_label(parent)
    return f"Claim on the {label[0].lower()}{label[1:]}"
