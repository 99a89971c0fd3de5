"""Full history of the editorial records, kept by database triggers.

django-pghistory writes a snapshot row into an event table from an AFTER
INSERT/UPDATE/DELETE trigger, so every change is recorded whatever made it:
the admin, the API, a management command, queryset.update(), bulk_create(),
bulk_update() or raw SQL. Signal-based history (django-simple-history) misses
queryset.update() and bulk operations unless every caller remembers to use its
bulk helpers, which is exactly what a history of a newsroom's edits cannot afford.
The request's user and URL are attached by pghistory's HistoryMiddleware.
"""

from contextlib import contextmanager

import pghistory
import pgtrigger
from django.apps import apps
from django.contrib.gis.db.models import GeometryField
from django.db.models import ForeignKey

# Set (transaction-local) by a statement that writes its own rows' insert history set-based (the ACLED
# import, geodata/importers/acled_sql.py). A WHEN condition, not pgtrigger.ignore: with ignore, PostgreSQL
# still called the trigger's PL/pgSQL function for every row to learn that it should do nothing (about a
# tenth of an import of 100,000 rows); a WHEN condition is evaluated without calling it.
WRITTEN_BY_STATEMENT = "geodata.insert_history_by_statement"
NOT_BY_STATEMENT = pgtrigger.Condition(f"current_setting('{WRITTEN_BY_STATEMENT}', true) IS DISTINCT FROM 'on'")

# The history's own keys: a record's history is read by pgh_obj, a request's changes by pgh_context.
INDEXED = {"pgh_obj", "pgh_context"}


def tracked(model_name):
    """Class decorator: keep every insert, update and delete of the model in `<model_name>`."""
    track = pghistory.track(
        pghistory.InsertEvent(condition=NOT_BY_STATEMENT),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=model_name,
        # pghistory's default reverse name "events" clashes with Place.events.
        obj_field=pghistory.ObjForeignKey(related_name="history_events", related_query_name="history_event"),
    )

    def decorate(model):
        model = track(model)
        unindex(apps.get_registered_model(model._meta.app_label, model_name))
        return model

    return decorate


def unindex(history):
    """No index on the history's copies of the record's foreign keys and geometry.

    pghistory indexes every foreign key it copies (and GeoDjango every geometry): ten btrees and a GiST
    index per history row of an event or claim, which nothing reads (history is read by record), and which
    were about a third of an ACLED import's writing (docs/benchmarks.md, ACLED import).
    """
    for field in history._meta.local_fields:
        if isinstance(field, ForeignKey) and field.name not in INDEXED:
            field.db_index = False
        elif isinstance(field, GeometryField):
            field.spatial_index = False


@contextmanager
def insert_history_by_statement(cursor):
    """Within the block, inserts write no history row by trigger: the statements write their own.

    On an error the setting goes with the transaction (or savepoint) that rolls back.
    """
    cursor.execute("SELECT set_config(%s, 'on', true)", [WRITTEN_BY_STATEMENT])
    yield
    cursor.execute("SELECT set_config(%s, 'off', true)", [WRITTEN_BY_STATEMENT])
