"""The data version that tile ETags are made from: the conflict's public data version.

The per-conflict DataVersion of the public caches (geodata/models/dataversion.py, read
through geodata.public): bumped by database triggers whenever anything a tile of the
conflict shows may have changed (its published events, their claims, control changes,
the places those name and their alternate names, parties, the conflict itself), and by
nothing that happens in another conflict. One primary-key lookup, so it rides along in
the tile's own statement.

(It replaced a global version made of the history tables' largest pgh_id and digests of
the party slugs and label names: correct, but every tile paid ~8 ms for the digest of
6,700 alternate names, more than the tile itself.)
"""

from django.db import connection

from ..public import data_stamp, public_data_stamp_sql


def version_sql(conflict_id):
    """SQL text of two columns, the version of `conflict_id` and when it changed, to run alone
    or at the head of the tile's statement (one round trip); version_of() makes them a stamp."""
    return public_data_stamp_sql(conflict_id)


def version_of(version, changed_at):
    """The stamp (a short string, None for a conflict that no longer exists) of the two columns."""
    return data_stamp(version, changed_at)


def data_version(conflict_id):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version_sql(conflict_id)}")
        return version_of(*cursor.fetchone())
