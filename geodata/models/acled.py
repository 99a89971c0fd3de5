"""What the ACLED importer needs to remember: actor → party mappings and each imported row's timestamp."""

from django.contrib.gis.db import models

from .event import Event
from .reference import Conflict, Party


class ActorMapping(models.Model):
    """An ACLED actor name (e.g. 'Military Forces of Azerbaijan (2003-)') and the party it stands for."""

    actor = models.CharField(max_length=300, unique=True)
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="actor_mappings")

    class Meta:
        ordering = ["actor"]

    def __str__(self):
        return f"{self.actor} → {self.party}"


class ImportedRow(models.Model):
    """The upstream row an event came from: its ACLED id and `timestamp`, to tell updated rows from unchanged ones."""

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="+")
    external_id = models.CharField(max_length=60)
    timestamp = models.BigIntegerField()
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="imported_row")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conflict", "external_id"], name="importedrow_unique"),
        ]
