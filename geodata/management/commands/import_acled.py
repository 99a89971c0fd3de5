"""`manage.py import_acled`: the importer on the command line.

Its report and errors are the importer's messages (geodata/importers/messages.py), as the admin's job
page shows them, written in the command's language: settings.LANGUAGE_CODE (a command has no request to
choose another). The option help stays in English, like Django's own commands'.
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geodata.choices import ImportPhase
from geodata.importers.acled import ImportFailed, import_file
from geodata.importers.messages import Message


class Command(BaseCommand):
    help = "Import an ACLED CSV export into a conflict (atomic: any bad row and nothing is written)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--conflict", required=True, help="Slug of the conflict.")
        parser.add_argument("--create-conflict", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish instead of sending to review.")
        parser.add_argument("--user", help="Username recorded as the importing editor.")
        parser.add_argument("--progress", action="store_true",
                            help="Show a progress bar on stderr (the default when stderr is a terminal).")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("no user “%(name)s”") % {"name": options["user"]})
        try:
            bar = ProgressBar(self.stderr) if options["progress"] or sys.stderr.isatty() else None
            report = import_file(options["path"], options["conflict"], user=user, publish=options["publish"],
                                 create_conflict=options["create_conflict"], dry_run=options["dry_run"],
                                 **({"progress": bar} if bar else {}))
            if bar:
                bar.done()
        except ImportFailed as failure:
            raise CommandError("\n".join(str(line) for line in (Message("refused"), *failure.errors))) from None
        except OSError as error:
            raise CommandError(str(error)) from None
        for line in ([Message("dry_run")] if options["dry_run"] else []) + list(report.lines()):
            self.stdout.write(str(line))


class ProgressBar:
    """`phase  45% [#########           ] 45,000/100,000` on one line of stderr, redrawn in place."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, phase, done, total):
        share = done / total if total else 1
        filled = int(share * self.WIDTH)
        label = str(ImportPhase(phase).label)
        self.stream.write(f"\r{label:<16} {share:4.0%} [{'#' * filled}{' ' * (self.WIDTH - filled)}] "
                          f"{done:,}/{total:,}", ending="")
        self.stream.flush()

    def done(self):
        self.stream.write("", ending="\n")
