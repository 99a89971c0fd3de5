"""What the public corrections log says about a record.

The log keeps a neutral label of the record (its kind, date and place, never
its own free text, so that a withdrawn record's wording does not stay public
through the log).
"""


def conflict_of(record):
    parent = getattr(record, "event", None) or getattr(record, "control_change", None)
    if record._meta.model_name == "claim":
        return parent.conflict_id
    return record.conflict_id


def neutral_label(record):
    """Kind, date and place of a record: no free text written by the editors."""
    name = record._meta.model_name
    if name == "event":
        where = f" in {record.place.name}" if record.place_id else ""
        return f"Event of {record.date:%Y-%m-%d}{where} ({record.sub_event_type})"
    if name == "controlchange":
        return f"Control of {record.place.name} from {record.date:%Y-%m-%d}"
    parent = record.event if record.event_id else record.control_change
    return f"Claim on the {neutral_label(parent)[0].lower()}{neutral_label(parent)[1:]}"
