"""Territory in the admin: the corrections log may name a territory version; editors may edit territory.

The Editors and Reviewers groups (0002_database_rules) get add, change, delete and
view on territory series and versions, as on the other conflict data.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

TERRITORY_MODELS = ["territoryseries", "territoryversion"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in TERRITORY_MODELS for action in ("add", "change", "delete", "view")]
    perms = list(Permission.objects.filter(content_type__app_label="geodata", codename__in=codenames))
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="geodata", content_type__model__in=TERRITORY_MODELS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0007_territory_api'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='correction',
            name='correction_one_record',
        ),
        migrations.AddField(
            model_name='correction',
            name='territory_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='corrections', to='geodata.territoryversion'),
        ),
        migrations.AddConstraint(
            model_name='correction',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('event__isnull', False), ('control_change__isnull', False), _negated=True), models.Q(('event__isnull', False), ('claim__isnull', False), _negated=True), models.Q(('control_change__isnull', False), ('claim__isnull', False), _negated=True), models.Q(('territory_version__isnull', False), models.Q(('event__isnull', False), ('control_change__isnull', False), ('claim__isnull', False), _connector='OR'), _negated=True)), name='correction_one_record'),
        ),
        migrations.RunPython(grant, revoke),
    ]
