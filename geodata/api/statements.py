"""The map's hot statements, compiled once per shape and reused with new dates.

A slider step asks for the same statement with two new dates. Building its querysets (the status
that follows the claims, the public filters, the thinning) and compiling them to SQL took about
30 ms of Python per request, several times what PostgreSQL then spent running the prepared
statement (docs/benchmarks.md, "Prepared statements"). Here a statement is built once per shape
(what the caller's key says: conflict, zoom, language...) with stand-in dates, and each request
swaps the stand-ins in the parameters for its own dates.

That is only sound for builders whose SQL text depends on their dates' order alone, never on
their values, and that run no query while building (a query's answer would be frozen into the
statement): the stand-ins keep the real dates' order and equalities, and the builder is run
under a check that it queries nothing. tests/test_statements.py compares, for every date pair
shape, the reused statement with one built from the real dates: the same text and parameters.
"""

import contextlib
import datetime
import threading

from django.db import connections

from .geojson import SQL

# Dates no record can have (they must fall within a conflict), in increasing order.
_STAND_INS = tuple(datetime.date(1000, 1, 1) + datetime.timedelta(days=n) for n in range(4))
# Shapes kept per process: a conflict's few zoom levels and languages, far below this.
_LIMIT = 512
_templates = {}
_lock = threading.Lock()


class BuilderQueried(AssertionError):
    """A statement builder ran a query: its answer would have been frozen into the reused statement."""


def _no_queries(execute, sql, params, many, context):
    raise BuilderQueried(f"a statement builder ran a query: {sql[:200]}")


def with_dates(key, build, *dates):
    """SQL of build(*dates), built once for `key` and the dates' order, then reused."""
    ranks = sorted(set(dates))
    stand_ins = tuple(_STAND_INS[ranks.index(date)] for date in dates)
    template = _templates.get((key, stand_ins))
    if template is None:
        template = _build(build, stand_ins)
        with _lock:
            if len(_templates) >= _LIMIT:
                _templates.clear()
            _templates[(key, stand_ins)] = template
    text, params = template
    real = dict(zip(stand_ins, dates, strict=True))
    return SQL(text, [real.get(value, value) if type(value) is datetime.date else value for value in params],
               generic_plan=True)


def _build(build, stand_ins):
    with contextlib.ExitStack() as refusing:
        for alias in connections:
            refusing.enter_context(connections[alias].execute_wrapper(_no_queries))
        sql = build(*stand_ins)
    return sql.text, tuple(sql.params)


def clear():
    """Forget every compiled statement (tests that change the code paths a shape takes)."""
    with _lock:
        _templates.clear()
