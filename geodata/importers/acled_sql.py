"""The set-based write of an ACLED import's new rows: COPY into a staging table, then INSERT ... SELECT.

Checked rows (acled_csv.read) whose places, parties and sources are already resolved to ids are streamed
into a temporary table with COPY (psycopg 3), then one statement each writes the events, their
imported-row records and their claims. Each staged row takes its event's and its claim's id from the
tables' own sequences as it is copied (column defaults), in file order: the three statements then read the
staged rows alone, with no join back to the events just written, no sort and no ANALYZE of the events
(at 100,000 rows those were about a tenth of the writing). Per row this costs PostgreSQL's insert (with the
database's triggers: history, version, data version, the foreign keys) and nothing in Python but the COPY line;
`bulk_create` cost about 1 ms of Python per row (model instances and SQL compilation for three tables).

The statements run in the caller's transaction (import_file's), so an error or a cancel anywhere
writes nothing. The columns are listed explicitly with the values Django's model defaults give
(`confirmed` false, no `claimed_on`, an exact figure), as bulk_create wrote them;
tests/test_import_acled.py compares the rows against the models' own reading of them.
"""

from django.apps import apps
from django.db import connection

from ..choices import FigureQualifier, ImportPhase, Stance
from ..editorial.history import insert_history_by_statement

STAGE = "acled_stage"
STAGE_COLUMNS = (
    ("line", "integer"), ("external_id", "text"), ("date", "date"), ("sub_event_type", "text"),
    ("event_type", "text"), ("time_precision", "smallint"), ("geo_precision", "smallint"), ("lon", "float8"),
    ("lat", "float8"), ("place_id", "bigint"), ("perpetrator_id", "bigint"), ("target_id", "bigint"),
    ("civilian_targeting", "boolean"), ("description", "text"), ("source_id", "bigint"), ("killed", "integer"),
    ("ts", "bigint"), ("claimant_name", "text"), ("claimant_role", "text"), ("claimant_party_id", "bigint"),
    ("summary", "text"),
)

# Filled by COPY from the sequences' defaults (write_new_rows): ids in file order, known before the insert.
ID_COLUMNS = (("event_id", "geodata_event"), ("claim_id", "geodata_claim"))

EVENTS = f"""
INSERT INTO geodata_event (
    id, version, state, created_at, submitted_at, reviewed_at, review_comment, external_id, event_type,
    sub_event_type, date, time_precision, point, geo_precision, civilian_targeting, description, confirmed,
    confirmation_note, conflict_id, created_by_id, reviewed_by_id, submitted_by_id, updated_by_id,
    perpetrator_id, target_id, place_id)
SELECT s.event_id, 1, %(state)s, %(now)s, %(submitted_at)s, %(reviewed_at)s, '', s.external_id, s.event_type,
    s.sub_event_type, s.date, s.time_precision, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.geo_precision,
    s.civilian_targeting, s.description, false, '', %(conflict)s, %(created_by)s, %(reviewed_by)s,
    %(submitted_by)s, NULL, s.perpetrator_id, s.target_id, s.place_id
FROM {STAGE} s
"""

IMPORTED_ROWS = f"""
INSERT INTO geodata_importedrow (external_id, timestamp, conflict_id, event_id)
SELECT s.external_id, s.ts, %(conflict)s, s.event_id FROM {STAGE} s
"""

CLAIMS = f"""
INSERT INTO geodata_claim (
    id, version, state, created_at, submitted_at, reviewed_at, review_comment, claimant_name, claimant_role,
    stance, claimed_on, summary, killed_civilians, killed_combatants, wounded_civilians, wounded_combatants,
    figure_qualifier, created_by_id, reviewed_by_id, submitted_by_id, updated_by_id, control_change_id,
    event_id, casualties_of_id, claimant_party_id, source_id, territory_version_id)
SELECT s.claim_id, 1, %(state)s, %(now)s, %(submitted_at)s, %(reviewed_at)s, '', s.claimant_name, s.claimant_role,
    %(stance)s, NULL, s.summary, NULL, NULLIF(s.killed, 0), NULL, NULL,
    %(qualifier)s, %(created_by)s, %(reviewed_by)s, %(submitted_by)s, NULL, NULL,
    s.event_id, NULL, s.claimant_party_id, s.source_id, NULL
FROM {STAGE} s
"""


def with_history(insert, model):
    """`insert` (an INSERT ... SELECT into the model's table) and its rows' history in the same statement.

    The per-row history trigger (django-pghistory's insert_insert) cost about 1 ms a row; it is skipped
    (its WHEN condition, editorial.history.insert_history_by_statement, for these statements only) and the
    same history rows are written set-based from
    RETURNING: the tracked columns, the pghistory context (looked up once), the time and the 'insert' label.
    """
    history = apps.get_model("geodata", f"{model}History")._meta
    tracked = [f.column for f in history.concrete_fields if not f.column.startswith("pgh_")]
    columns = ", ".join(f'"{c}"' for c in tracked)
    return (f"WITH ins AS ({insert} RETURNING *) INSERT INTO {history.db_table} "
            f"({columns}, pgh_context_id, pgh_created_at, pgh_label, pgh_obj_id) "
            f"SELECT {columns}, (SELECT _pgh_attach_context()), NOW(), 'insert', id FROM ins")


def _pk(obj):
    return obj.pk if obj is not None else None


def write_new_rows(conflict, staged, editorial, now, progress, total, batch):
    """Write the events, imported rows and claims of `staged` (an iterable of tuples in STAGE_COLUMNS'
    order); `editorial` is the Importer's editorial fields. Calls progress(WRITING_EVENTS, n, total)
    every `batch` rows staged (a cancelled job raises from it)."""
    params = {
        "conflict": conflict.pk, "now": now, "state": editorial["state"],
        "submitted_at": editorial.get("submitted_at"), "reviewed_at": editorial.get("reviewed_at"),
        "created_by": _pk(editorial.get("created_by")), "reviewed_by": _pk(editorial.get("reviewed_by")),
        "submitted_by": _pk(editorial.get("submitted_by")), "stance": Stance.ASSERTS.value,
        "qualifier": FigureQualifier.EXACT.value,
    }
    columns = ", ".join(f"{name} {kind}" for name, kind in STAGE_COLUMNS)
    with connection.cursor() as cursor:
        ids = []
        for column, table in ID_COLUMNS:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            ids.append(f"{column} bigint NOT NULL DEFAULT nextval('{cursor.fetchone()[0]}'::regclass)")
        # Dropped first: a second import in the same transaction (tests, a caller's atomic block) reuses the name.
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns}, {', '.join(ids)}) ON COMMIT DROP")
        progress(ImportPhase.WRITING_EVENTS, 0, total)
        # The id columns are left out: COPY fills them from their defaults, row after row in file order.
        names = ", ".join(name for name, _ in STAGE_COLUMNS)
        with cursor.cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
            for n, values in enumerate(staged, 1):
                copy.write_row(values)
                if n % batch == 0:
                    progress(ImportPhase.WRITING_EVENTS, n, total)
        with insert_history_by_statement(cursor):
            cursor.execute(with_history(EVENTS, "Event"), params)
            progress(ImportPhase.WRITING_CLAIMS, total, total)
            cursor.execute(IMPORTED_ROWS, params)
            cursor.execute(with_history(CLAIMS, "Claim"), params)
        cursor.execute(f"DROP TABLE {STAGE}")
