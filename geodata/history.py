"""Full history of the editorial records, kept by database triggers.

django-pghistory writes a snapshot row into an event table from an AFTER
INSERT/UPDATE/DELETE trigger, so every change is recorded whatever made it:
the admin, the API, a management command, queryset.update(), bulk_create(),
bulk_update() or raw SQL. Signal-based history (django-simple-history) misses
queryset.update() and bulk operations unless every caller remembers to use its
bulk helpers, which is exactly what a history of a newsroom's edits cannot afford.
The request's user and URL are attached by pghistory's HistoryMiddleware.

A second, BEFORE UPDATE trigger bumps `version` on every UPDATE, for the
optimistic locking in geodata/editorial.py: even a bulk write invalidates the
forms opened before it.
"""

import pghistory
import pgtrigger

from .models import Claim, ControlChange, Event, Place

TRACKED = (Event, ControlChange, Claim, Place)


def _bump_version():
    return pgtrigger.Trigger(
        name="bump_version",
        when=pgtrigger.Before,
        operation=pgtrigger.Update,
        func="NEW.version := OLD.version + 1; RETURN NEW;",
    )


for _model in TRACKED:
    pgtrigger.register(_bump_version())(_model)
    pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=f"{_model.__name__}History",
        # pghistory's default reverse name "events" clashes with Place.events.
        obj_field=pghistory.ObjForeignKey(related_name="history_events", related_query_name="history_event"),
    )(_model)
