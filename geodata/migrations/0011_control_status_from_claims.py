"""A control change's status follows its claims (as an event's verification does).

The hand-picked `status` column goes. What it said is kept where it still has a meaning:
`retracted` becomes the `retracted` flag (the change never counts), `confirmed` becomes the
editor's `confirmed` flag, with a confirmation note saying it predates notes (the database
now requires a note). `claimed` and `disputed` are dropped: from now on they are derived from
the claims (ControlChangeQuerySet.with_status), so a hand-picked "disputed" with no denial on
record reads "claimed". The history snapshots get the same mapping, so a revert keeps them.
The triggers are off while the rows are rewritten (no version bump, no history event).
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

MIGRATED_NOTE = (
    "Marked confirmed by an editor before confirmations carried a note (migration 0011); "
    "see the change's note and sources."
)


def status_from_claims(apps, schema_editor):
    for name in ("ControlChange", "ControlChangeHistory"):
        model = apps.get_model("geodata", name)
        model.objects.filter(status="retracted").update(retracted=True)
        model.objects.filter(status="confirmed").update(confirmed=True, confirmation_note=MIGRATED_NOTE)


def back_to_stored_status(apps, schema_editor):
    Claim = apps.get_model("geodata", "Claim")
    for name in ("ControlChange", "ControlChangeHistory"):
        model = apps.get_model("geodata", name)
        fk = "pk" if name == "ControlChange" else "pgh_obj_id"
        model.objects.update(status="claimed")
        asserted = Claim.objects.filter(stance="asserts").values("control_change_id")
        denied = Claim.objects.filter(stance="denies").values("control_change_id")
        model.objects.filter(**{f"{fk}__in": asserted}).filter(**{f"{fk}__in": denied}).update(status="disputed")
        model.objects.filter(confirmed=True).update(status="confirmed")
        model.objects.filter(retracted=True).update(status="retracted")


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0009_data_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='controlchange',
            name='changes_hands',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='controlchange',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='controlchange',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='controlchange',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='controlchange',
            name='confirmation_note',
            field=models.TextField(blank=True, help_text='Required when confirmed: how it was confirmed.'),
        ),
        migrations.AddField(
            model_name='controlchange',
            name='confirmed',
            field=models.BooleanField(default=False, help_text='An editor has confirmed the change independently of the claims.'),
        ),
        migrations.AddField(
            model_name='controlchange',
            name='retracted',
            field=models.BooleanField(default=False, help_text='Recorded in error or withdrawn by its sources: it never counts for control.'),
        ),
        migrations.AddField(
            model_name='controlchangehistory',
            name='confirmation_note',
            field=models.TextField(blank=True, help_text='Required when confirmed: how it was confirmed.'),
        ),
        migrations.AddField(
            model_name='controlchangehistory',
            name='confirmed',
            field=models.BooleanField(default=False, help_text='An editor has confirmed the change independently of the claims.'),
        ),
        migrations.AddField(
            model_name='controlchangehistory',
            name='retracted',
            field=models.BooleanField(default=False, help_text='Recorded in error or withdrawn by its sources: it never counts for control.'),
        ),
        migrations.RunPython(status_from_claims, back_to_stored_status),
        migrations.RemoveField(
            model_name='controlchange',
            name='status',
        ),
        migrations.RemoveField(
            model_name='controlchangehistory',
            name='status',
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='controlchange',
            trigger=pgtrigger.compiler.Trigger(name='changes_hands', sql=pgtrigger.compiler.UpsertTriggerSql(declare='DECLARE prev_party bigint; next_party bigint;', func="\n    IF NEW.retracted OR NEW.state = 'withdrawn' THEN\n        RETURN NEW;\n    END IF;\n    SELECT party_id INTO prev_party FROM geodata_controlchange\n     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id AND NOT retracted AND state <> 'withdrawn' AND id <> NEW.id\n       AND (date < NEW.date OR (date = NEW.date AND id < NEW.id))\n     ORDER BY date DESC, id DESC LIMIT 1;\n    IF prev_party = NEW.party_id THEN\n        RAISE EXCEPTION 'control change refused: party % already controls place % on %',\n            NEW.party_id, NEW.place_id, NEW.date\n            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';\n    END IF;\n    SELECT party_id INTO next_party FROM geodata_controlchange\n     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id AND NOT retracted AND state <> 'withdrawn' AND id <> NEW.id\n       AND (date > NEW.date OR (date = NEW.date AND id > NEW.id))\n     ORDER BY date, id LIMIT 1;\n    IF next_party = NEW.party_id THEN\n        RAISE EXCEPTION 'control change refused: the next change of place % already gives it to party %',\n            NEW.place_id, NEW.party_id\n            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';\n    END IF;\n    RETURN NEW;\n    ", hash='d2278d176930afe44fba1dec97978831c2468ed0', operation='INSERT OR UPDATE', pgid='pgtrigger_changes_hands_94ad7', table='geodata_controlchange', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='controlchange',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "geodata_controlchangehistory" ("confirmation_note", "confirmed", "conflict_id", "created_at", "created_by_id", "date", "date_precision", "id", "note", "party_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place_id", "retracted", "review_comment", "reviewed_at", "reviewed_by_id", "state", "submitted_at", "submitted_by_id", "updated_by_id", "version") VALUES (NEW."confirmation_note", NEW."confirmed", NEW."conflict_id", NEW."created_at", NEW."created_by_id", NEW."date", NEW."date_precision", NEW."id", NEW."note", NEW."party_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."place_id", NEW."retracted", NEW."review_comment", NEW."reviewed_at", NEW."reviewed_by_id", NEW."state", NEW."submitted_at", NEW."submitted_by_id", NEW."updated_by_id", NEW."version"); RETURN NULL;', hash='8471ecdf52262815ad5e8e7cb3491173d68614f0', operation='INSERT', pgid='pgtrigger_insert_insert_515b8', table='geodata_controlchange', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='controlchange',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "geodata_controlchangehistory" ("confirmation_note", "confirmed", "conflict_id", "created_at", "created_by_id", "date", "date_precision", "id", "note", "party_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place_id", "retracted", "review_comment", "reviewed_at", "reviewed_by_id", "state", "submitted_at", "submitted_by_id", "updated_by_id", "version") VALUES (NEW."confirmation_note", NEW."confirmed", NEW."conflict_id", NEW."created_at", NEW."created_by_id", NEW."date", NEW."date_precision", NEW."id", NEW."note", NEW."party_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."place_id", NEW."retracted", NEW."review_comment", NEW."reviewed_at", NEW."reviewed_by_id", NEW."state", NEW."submitted_at", NEW."submitted_by_id", NEW."updated_by_id", NEW."version"); RETURN NULL;', hash='5a4d74a1fa0cd9bd15e120a9b53484aa6f9a233f', operation='UPDATE', pgid='pgtrigger_update_update_ecd39', table='geodata_controlchange', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='controlchange',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "geodata_controlchangehistory" ("confirmation_note", "confirmed", "conflict_id", "created_at", "created_by_id", "date", "date_precision", "id", "note", "party_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place_id", "retracted", "review_comment", "reviewed_at", "reviewed_by_id", "state", "submitted_at", "submitted_by_id", "updated_by_id", "version") VALUES (OLD."confirmation_note", OLD."confirmed", OLD."conflict_id", OLD."created_at", OLD."created_by_id", OLD."date", OLD."date_precision", OLD."id", OLD."note", OLD."party_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."place_id", OLD."retracted", OLD."review_comment", OLD."reviewed_at", OLD."reviewed_by_id", OLD."state", OLD."submitted_at", OLD."submitted_by_id", OLD."updated_by_id", OLD."version"); RETURN NULL;', hash='f3c29013bcf95c69f983bd72a0eb18a916d57b3f', operation='DELETE', pgid='pgtrigger_delete_delete_29c7b', table='geodata_controlchange', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='controlchange',
            constraint=models.CheckConstraint(condition=models.Q(('confirmed', False), models.Q(('confirmation_note', ''), _negated=True), _connector='OR'), name='controlchange_confirmation_has_note', violation_error_message='Say how the change of control was confirmed.'),
        ),
    ]
