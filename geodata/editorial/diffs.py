"""Reading the pghistory snapshots: a record's version N, and what differs between two versions."""

from django.contrib.auth import get_user_model

# Bookkeeping that changes on every save: shown in its own column, never as a "change".
SKIPPED = {"id", "version", "updated_by", "created_at"}


def snapshot_at(record, version):
    """The history row of `record` at `version` (None if history does not go back that far)."""
    return (
        record.history_events.filter(version=version).exclude(pgh_label="delete").order_by("-pgh_id").first()
    )


def snapshot_values(obj):
    """attname -> value for every field of the tracked model, from a record or one of its snapshots."""
    model = getattr(obj, "pgh_tracked_model", None) or type(obj)
    return {field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields}


def _display(model, attname, value, cache):
    if value is None or value == "":
        return "—"
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if field.is_relation:
        key = (field.related_model, value)
        if key not in cache:
            obj = field.related_model._base_manager.filter(pk=value).first()
            cache[key] = str(obj) if obj is not None else f"#{value} (deleted)"
        return cache[key]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "wkt"):
        return value.wkt if len(value.wkt) < 120 else f"{value.geom_type} ({value.num_coords} points)"
    return str(value)


def changes_between(model, old, new):
    """[(field label, before, after)] for the fields that differ between two value dicts."""
    cache, rows = {}, []
    for field in model._meta.concrete_fields:
        name = field.attname
        if field.name in SKIPPED or name in SKIPPED:
            continue
        before, after = old.get(name), new.get(name)
        if hasattr(before, "equals_exact") and after is not None and before.equals_exact(after):
            continue
        if before != after:
            rows.append((str(field.verbose_name), _display(model, name, before, cache), _display(model, name, after, cache)))
    return rows


def who(event):
    """The username pghistory's middleware recorded for a snapshot, or None (script, shell, migration)."""
    context = getattr(event, "pgh_context", None)
    user_id = context.metadata.get("user") if context is not None else None
    if user_id is None:
        return None
    user = get_user_model()._base_manager.filter(pk=user_id).first()
    return user.get_username() if user else f"user #{user_id}"
