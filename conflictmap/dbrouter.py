"""Read replicas: public reads go to a replica, everything else to the primary.

DATABASE_REPLICA_URLS (settings) adds the aliases "replica1", "replica2", …. A request
is a *public read* when it is a GET/HEAD/OPTIONS answered by a view of the public
packages (PUBLIC_VIEW_PACKAGES: the users of geodata.public); PublicReadMiddleware
marks it in a context variable, and ReplicaRouter sends that request's reads of the
geodata tables to a replica. The admin, imports, management commands, every write,
and the auth/session tables (an editor reads their own login) always use the primary.

A replica that cannot be reached is skipped for REPLICA_RETRY_SECONDS and the read
goes to the primary: readers may see slightly older data from a lagging replica, never
an error because one is down.
"""

import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

PUBLIC_VIEW_PACKAGES = ("geodata.api", "geodata.pages", "geodata.embed", "geodata.exports", "geodata.tiles")
READ_METHODS = ("GET", "HEAD", "OPTIONS")

_public_read = contextvars.ContextVar("public_read", default=False)
# alias -> monotonic time until which it is not tried again (per process).
_down_until = {}


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def is_public_view(view_func):
    module = getattr(view_func, "__module__", "") or ""
    return module.startswith(PUBLIC_VIEW_PACKAGES)


class PublicReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(False)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in READ_METHODS and is_public_view(view_func):
            _public_read.set(True)


def _usable(alias):
    if _down_until.get(alias, 0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        # Replaces a persistent connection the replica dropped (CONN_HEALTH_CHECKS), then connects.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as exc:
        _down_until[alias] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        logger.warning("replica unreachable, reading from the primary", extra={"alias": alias, "error": str(exc)})
        connection.close()
        return False
    return True


def public_read_alias():
    """The alias for this request's public reads (also for raw SQL, geodata/api/geojson.py)."""
    if _public_read.get():
        candidates = replica_aliases()
        random.shuffle(candidates)
        for alias in candidates:
            if _usable(alias):
                return alias
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model is None or model._meta.app_label == "geodata":
            return public_read_alias()
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied: every alias holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
