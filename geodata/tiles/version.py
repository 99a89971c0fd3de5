"""The data version that tile ETags are made from.

One small function so that the per-conflict data version (kept by the caching work,
bumped by the database whenever a public record of a conflict changes) can replace it
in one place. Until then it is a global version read from the history tables: every
insert, update and delete of an event, claim, control change or place writes a
pghistory row (geodata/editorial/history.py) whose pgh_id only grows, so the largest
pgh_id of each table changes whenever such a record does. Each max() is one step down
the primary key index. Parties and alternate names carry no history: the names shown
in the labels (role primary or bracket) and the party slugs are folded into the version by a digest of
those small sets.
"""

from django.db import connection

_HISTORY_TABLES = (
    "geodata_eventhistory",
    "geodata_claimhistory",
    "geodata_controlchangehistory",
    "geodata_placehistory",
)

_SQL = (
    "SELECT concat_ws(':', "
    + ", ".join(f"(SELECT max(pgh_id) FROM {table})" for table in _HISTORY_TABLES)
    + ", (SELECT md5(string_agg(id || '=' || slug, ',' ORDER BY id)) FROM geodata_party)"
    + ", (SELECT md5(string_agg(place_id || '=' || name || '@' || language || ':' || role, ',' ORDER BY id))"
    + " FROM geodata_alternatename WHERE role <> 'other'))"
)


def version_sql(conflict):
    """SQL text of the data version of `conflict`, to run alone or inside the tile's statement
    (one round trip). It has no parameters. Changes whenever anything a tile of `conflict`
    shows may have changed."""
    return _SQL


def data_version(conflict):
    with connection.cursor() as cursor:
        cursor.execute(version_sql(conflict))
        return cursor.fetchone()[0]
