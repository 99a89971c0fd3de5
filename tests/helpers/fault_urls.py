"""The project's URLs plus test-only paths that cause real faults (tests/test_faults.py).

Only tests/helpers/fault_settings.py selects this: a deployment never has these paths.
Each fault is real: PostgreSQL cancels the statement (statement_timeout, from
DB_STATEMENT_TIMEOUT_MS) or terminates the connection; nothing is mocked.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from conflictmap.urls import handler500  # noqa: F401 (handler500 is read by Django)
from conflictmap.urls import urlpatterns as project_urls


def sleep(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")
    return HttpResponse("slept")


def terminate(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return HttpResponse("terminated")


def boom(request):
    raise RuntimeError("fault-injection-marker")


urlpatterns = [
    path("api/_fault/sleep/", sleep),
    path("_fault/sleep/", sleep),
    path("api/_fault/terminate/", terminate),
    path("api/_fault/boom/", boom),
    path("_fault/boom/", boom),
    *project_urls,
]
