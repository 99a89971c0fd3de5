# A job's report is kept as messages (geodata/importers/messages.py) and rendered in each reader's language.
# The reports written before are kept, as the English text they were, one {"text": ...} line each.

from django.db import migrations, models


def reports_to_lines(apps, schema_editor):
    ImportJob = apps.get_model("geodata", "ImportJob")
    for job in ImportJob.objects.exclude(report=""):
        job.report_lines = [{"text": line} for line in job.report.split("\n")]
        job.save(update_fields=["report_lines"])


def lines_to_reports(apps, schema_editor):
    from django.utils import translation

    from geodata.importers.messages import render

    ImportJob = apps.get_model("geodata", "ImportJob")
    with translation.override("en"):
        for job in ImportJob.objects.exclude(report_lines=[]):
            job.report = render(job.report_lines)
            job.save(update_fields=["report"])


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0016_controlchange_conflict_date'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='report_lines',
            field=models.JSONField(blank=True, default=list, help_text='What the import found, line by line.', verbose_name='report'),
        ),
        migrations.RunPython(reports_to_lines, lines_to_reports),
        migrations.RemoveField(
            model_name='importjob',
            name='report',
        ),
        migrations.AlterField(
            model_name='importjob',
            name='phase',
            field=models.CharField(blank=True, choices=[('checking rows', 'checking rows'), ('writing events', 'writing events'), ('writing claims', 'writing claims')], max_length=40, verbose_name='phase'),
        ),
    ]
