"""The admin's ACLED upload, run in the background by the task worker (`manage.py db_worker`).

A job's progress and its cancel flag must cross the import's transaction: the import commits all or
nothing, but the page shows progress while it runs, and a cancel click must reach it. So progress is
written, and the flag read, on a second connection of the worker's own, in autocommit; raising
ImportCancelled from the progress callback unwinds the import's transaction, which writes nothing.

The worker has no reader whose language it could write in: the report is stored as messages
(messages.py), which the job's page renders in the language of whoever reads it.
"""

import tempfile

from django.db import connections
from django.utils import timezone
from django_tasks import task

from ..editorial import StaleRecord
from ..models import ImportJob
from .acled import ImportFailed, import_file
from .messages import Message


class ImportCancelled(Exception):
    pass


class SideChannel:
    """An autocommit connection to the same database, for what must be seen outside the import's transaction."""

    def __init__(self, job_id):
        self.job_id = job_id
        base = connections["default"]
        base.ensure_connection()
        self.connection = base.get_new_connection(base.get_connection_params())
        self.connection.autocommit = True

    def progress(self, phase, done, total):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE geodata_importjob SET phase = %s, processed = %s, total = %s WHERE id = %s "
                "RETURNING cancel_requested",
                [str(phase), done, total, self.job_id],
            )
            row = cursor.fetchone()
        if row and row[0]:
            raise ImportCancelled()

    def close(self):
        self.connection.close()


def finish(job, status, *messages):
    job.status, job.finished_at = status, timezone.now()
    job.report_lines = [message.as_json() for message in messages]
    job.save(update_fields=["status", "report_lines", "finished_at"])


@task()
def run_import_job(job_id):
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.cancel_requested:
        return finish(job, ImportJob.Status.CANCELLED, Message("cancelled_before"))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    side = SideChannel(job.pk)
    try:
        with tempfile.NamedTemporaryFile(suffix=".csv") as handle:
            handle.write(bytes(job.content))
            handle.flush()
            report = import_file(handle.name, job.conflict_slug, user=job.user, publish=job.publish,
                                 create_conflict=job.create_conflict, dry_run=job.dry_run, progress=side.progress)
    except ImportCancelled:
        return finish(job, ImportJob.Status.CANCELLED, Message("cancelled_running"))
    except ImportFailed as failure:
        return finish(job, ImportJob.Status.FAILED, Message("refused"), *failure.errors)
    except UnicodeDecodeError as error:
        return finish(job, ImportJob.Status.FAILED, Message("not_utf8", {"reason": error.reason}))
    except StaleRecord as error:  # an editor saved an event the import was updating: the import lost the race
        return finish(job, ImportJob.Status.FAILED,
                      Message("stale", {"model": error.record._meta.label_lower, "id": error.record.pk}))
    finally:
        side.close()
    job.refresh_from_db(fields=["processed", "total", "phase"])
    heading = [Message("dry_run")] if job.dry_run else []
    return finish(job, ImportJob.Status.DONE, *heading, *report.lines())
