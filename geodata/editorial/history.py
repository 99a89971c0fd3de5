"""Full history of the editorial records, kept by database triggers.

django-pghistory writes a snapshot row into an event table from an AFTER
INSERT/UPDATE/DELETE trigger, so every change is recorded whatever made it:
the admin, the API, a management command, queryset.update(), bulk_create(),
bulk_update() or raw SQL. Signal-based history (django-simple-history) misses
queryset.update() and bulk operations unless every caller remembers to use its
bulk helpers, which is exactly what a history of a newsroom's edits cannot afford.
The request's user and URL are attached by pghistory's HistoryMiddleware.
"""

import pghistory


def tracked(model_name):
    """Class decorator: keep every insert, update and delete of the model in `<model_name>`."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=model_name,
        # pghistory's default reverse name "events" clashes with Place.events.
        obj_field=pghistory.ObjForeignKey(related_name="history_events", related_query_name="history_event"),
    )
