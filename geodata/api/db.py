"""Running the API's raw-SQL statements (geojson.SQL): on Django's cursor, or, for the statements
built once and reused with new dates (statements.py), bound on the server, prepared and planned
generically."""

import contextlib

import psycopg
from django.db import connections
from django.db.backends.utils import CursorDebugWrapper
from psycopg.adapt import Loader

from conflictmap.dbrouter import public_read_alias


class _LoggedCursor(CursorDebugWrapper):
    """Django's query log (DEBUG, tests) for a server-side binding cursor: Django words a logged query
    by asking the client-side cursor for the statement it composed, and this one composes none, so
    the statement is composed here, with its parameters, as the client-side cursor would have."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params) if params else sql, params):
            return super(CursorDebugWrapper, self).execute(sql, params)


@contextlib.contextmanager
def _statement_cursor(alias):
    """Django's cursor (its error translation, query logging and execute wrappers) around a
    server-side binding psycopg cursor, unlike Django's own client-side binding one.

    These are the map's hot statements, the same text with new dates on every slider step; with
    their parameters bound on the server, psycopg prepares each on a connection once it has run
    DATABASES' `prepare_threshold` times (settings.DB_PREPARE_THRESHOLD), and PostgreSQL then
    reuses a generic plan: planning these statements costs up to 20 ms, several times what running
    them does (docs/benchmarks.md, "Prepared statements"). Django's client-side cursors never
    prepare, whatever the threshold.
    """
    connection = connections[alias]
    # As Django's cursor() does: a persistent connection that PostgreSQL dropped is replaced.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = psycopg.Cursor(connection.connection)
    wrapped = _LoggedCursor(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    with wrapped as cursor:
        yield cursor


def _cursor(sql):
    # Only the statements built once and reused (statements.py) are bound on the server and prepared:
    # the others keep Django's cursor, with their values in the text, planned for them on every run
    # (a month of events planned generically ran 2-3x slower, docs/benchmarks.md).
    alias = public_read_alias()
    return _statement_cursor(alias) if sql.generic_plan else connections[alias].cursor()


def fetch(sql):
    with _cursor(sql) as cursor:
        return _run(cursor, sql)


class _TextAsBytes(Loader):
    def load(self, data):
        return bytes(data)


def fetch_bytes(sql):
    """Like fetch(), but text columns come back as the UTF-8 bytes PostgreSQL sent.

    The API passes the JSON on untouched: decoding a megabyte into str only to
    encode it again for the response is wasted time on every request.
    """
    with _cursor(sql) as cursor:
        cursor.cursor.adapters.register_loader("text", _TextAsBytes)
        return _run(cursor, sql)


def _run(cursor, sql):
    if not sql.generic_plan:
        cursor.execute(sql.text, sql.params)
        return cursor.fetchone()
    # PostgreSQL plans a prepared statement afresh for its first five runs before it tries a
    # generic plan, on each connection: a new server's first steps would all pay the planner.
    # Only prepared statements follow plan_cache_mode, and it is put back at once.
    cursor.cursor.execute("SET plan_cache_mode = force_generic_plan", prepare=False)
    try:
        cursor.execute(sql.text, sql.params)
        return cursor.fetchone()
    finally:
        cursor.cursor.execute("RESET plan_cache_mode", prepare=False)
