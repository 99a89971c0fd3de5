"""What the public corrections log says about a record.

The log keeps a neutral label of the record (its kind, date and place, never
its own free text, so that a withdrawn record's wording does not stay public
through the log).
"""


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
    """Kind, date and place of a record: no free text written by the editors."""
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
    return f"Claim on the {neutral_label(parent)[0].lower()}{neutral_label(parent)[1:]}"
