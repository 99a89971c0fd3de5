"""Optimistic locking shared by Place, Event, ControlChange and Claim.

Every row has a `version`. A BEFORE UPDATE trigger (`bump_version_trigger`,
declared in each model's Meta.triggers) bumps it on every UPDATE, whatever wrote
it (save(), queryset.update(), bulk_update(), raw SQL), and save() only updates
the row if it still has the version the instance was loaded with. A save based
on a stale copy raises StaleRecord instead of overwriting somebody else's change.
"""

import pgtrigger
from django.contrib.gis.db import models
from django.utils.translation import gettext, gettext_lazy


class StaleRecord(Exception):
    """The row changed (or was deleted) since this copy was loaded.

    Its message is written when it is read (str()), in the language active then: the admin shows it
    to the editor whose save lost the race, in the editor's language (VersionedAdminMixin)."""

    def __init__(self, record, expected_version):
        self.record = record
        self.expected_version = expected_version
        super().__init__(record, expected_version)

    def __str__(self):
        return gettext(
            "Not saved: this %(record)s (ID %(id)s) was changed or deleted by someone else since version "
            "%(version)s was loaded. Reload the page and apply your change again."
        ) % {"record": self.record._meta.verbose_name, "id": self.record.pk, "version": self.expected_version}


def bump_version_trigger():
    """The database side of the lock: even a bulk write invalidates the forms opened before it."""
    return pgtrigger.Trigger(
        name="bump_version",
        when=pgtrigger.Before,
        operation=pgtrigger.Update,
        func="NEW.version := OLD.version + 1; RETURN NEW;",
    )


class Versioned(models.Model):
    # db_default too: rows written by raw SQL or COPY (imports, bench) get a version.
    version = models.PositiveIntegerField(
        gettext_lazy("version"), default=1, db_default=1,
        help_text=gettext_lazy("Bumped by the database on every change; used to refuse lost updates."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"version"}
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        self._expected_version = self.version
        self.version = self._expected_version + 1  # what the trigger will store
        try:
            return super().save(*args, **kwargs)
        except StaleRecord:
            self.version = self._expected_version
            raise
        finally:
            del self._expected_version

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        updated = super()._do_update(
            base_qs.filter(version=expected), using, pk_val, values, update_fields, forced_update
        )
        if not updated:
            # Changed since loaded, or deleted: either way, never overwrite or resurrect it.
            raise StaleRecord(self, expected)
        return updated
