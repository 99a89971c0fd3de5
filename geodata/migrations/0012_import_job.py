"""Import jobs (the admin's ACLED upload, run by the task worker); editors and reviewers may start them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="geodata",
                                      codename__in=["add_importjob", "change_importjob", "view_importjob"])
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.add(*perms)


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0011_control_status_from_claims'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('conflict_slug', models.SlugField(max_length=100)),
                ('create_conflict', models.BooleanField(default=False)),
                ('publish', models.BooleanField(default=False)),
                ('dry_run', models.BooleanField(default=False)),
                ('file_name', models.CharField(max_length=255)),
                ('content', models.BinaryField()),
                ('status', models.CharField(choices=[('queued', 'queued'), ('running', 'running'), ('done', 'done'), ('failed', 'failed (nothing written)'), ('cancelled', 'cancelled (nothing written)')], default='queued', max_length=10)),
                ('phase', models.CharField(blank=True, max_length=40)),
                ('processed', models.PositiveIntegerField(default=0)),
                ('total', models.PositiveIntegerField(default=0)),
                ('cancel_requested', models.BooleanField(default=False)),
                ('report', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
