"""Create the "Editors" group with the permissions editors need."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = ["conflict", "party", "place", "alternatename", "source", "controlchange", "event", "claim"]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in EDITOR_MODELS for action in ("add", "change", "delete", "view")]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="geodata", codename__in=codenames))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("geodata", "0002_controlchange_trigger_unaccent"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
