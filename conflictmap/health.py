"""Probes for a load balancer or an orchestrator.

/healthz: the process answers (no database): restart it when this fails.
/readyz: the primary database answers and every migration is applied: send it
traffic only when this passes. Neither is cached; both are exempt from the HTTPS
redirect (SECURE_REDIRECT_EXEMPT), since probes usually speak plain http.
"""

from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

# Once a process has seen every migration applied it stays so: migrations are
# applied before new code starts, never rolled back under a running process.
_migrations_applied = False


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    global _migrations_applied
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_applied:
            # Every migration on disk against django_migrations (as showmigrations does), not
            # just a plan to the leaves, which misses a gap in the middle of the history.
            loader = MigrationLoader(connection, ignore_no_migrations=True)
            pending = sorted(set(loader.graph.nodes) - set(loader.applied_migrations))
            if pending:
                names = [f"{app}.{name}" for app, name in pending]
                return JsonResponse({"status": "unapplied migrations", "migrations": names}, status=503)
            _migrations_applied = True
    except DatabaseError as exc:
        return JsonResponse({"status": "database unavailable", "error": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok"})
