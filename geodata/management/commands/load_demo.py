from django.core.management.base import BaseCommand

from geodata import demo_war


class Command(BaseCommand):
    help = ("Load the 2020 Nagorno-Karabakh demo: the seed article's records once, then the whole war through "
            "the ACLED importer (idempotent: a second run adds nothing and editors' changes survive).")

    def handle(self, *args, **options):
        demo_war.load(stdout=self.stdout)
