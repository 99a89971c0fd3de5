from django.core.management.base import BaseCommand

from geodata import demo


class Command(BaseCommand):
    help = "Load the 2020 Nagorno-Karabakh demo data once (idempotent: an existing demo conflict is left as is)."

    def handle(self, *args, **options):
        if not demo.load(stdout=self.stdout):
            self.stdout.write(f"Demo conflict {demo.SLUG} already present; nothing changed.")
