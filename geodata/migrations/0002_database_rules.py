"""What the models cannot declare: the unaccent extension, coordinate CHECKs, the editors' groups.

Coordinates in range are CHECKs on ST_X/ST_Y: a geometry literal in a model
constraint does not survive migration serialisation with its SRID. The model
side of the same rule is geodata.models.validators.validate_lonlat.

The Editors group may add, change, delete and view the conflict data and read
the corrections log; Reviewers may do all that and also publish, send back,
withdraw and log corrections (geodata/editorial/). Neither may manage users.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

POINT_CHECKS = """
ALTER TABLE geodata_place DROP CONSTRAINT IF EXISTS place_point_in_range;
ALTER TABLE geodata_event DROP CONSTRAINT IF EXISTS event_point_in_range;
ALTER TABLE geodata_place ADD CONSTRAINT place_point_in_range
    CHECK (ST_X(point) BETWEEN -180 AND 180 AND ST_Y(point) BETWEEN -90 AND 90);
ALTER TABLE geodata_event ADD CONSTRAINT event_point_in_range
    CHECK (ST_X(point) BETWEEN -180 AND 180 AND ST_Y(point) BETWEEN -90 AND 90);
"""
DROP_POINT_CHECKS = """
ALTER TABLE geodata_place DROP CONSTRAINT IF EXISTS place_point_in_range;
ALTER TABLE geodata_event DROP CONSTRAINT IF EXISTS event_point_in_range;
ALTER TABLE geodata_place DROP CONSTRAINT IF EXISTS place_point_in_range;
ALTER TABLE geodata_event DROP CONSTRAINT IF EXISTS event_point_in_range;
"""

EDITOR_MODELS = ["conflict", "party", "place", "alternatename", "source", "controlchange", "event", "claim"]
REVIEWER_MODELS = ["controlchange", "event", "claim", "correction"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="geodata")

    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in ("add", "change", "delete", "view")]
    editors.permissions.add(*ours.filter(codename__in=codenames), *ours.filter(codename="view_correction"))

    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    codenames = [f"{action}_{model}" for model in REVIEWER_MODELS for action in ("add", "change", "view")]
    reviewers.permissions.add(*editors.permissions.all(), *ours.filter(codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("geodata", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(POINT_CHECKS, DROP_POINT_CHECKS),
        migrations.RunPython(create_groups, remove_groups),
    ]
