# The vector tiles' index (geodata/models/event.py, docs/tiles.md): a GiST over the point, the
# date and the conflict of published events, which needs btree_gist for the date and the id.

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0017_import_report_lines'),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.AddIndex(
            model_name='event',
            index=django.contrib.postgres.indexes.GistIndex(
                condition=models.Q(('state', 'published')), fields=['point', 'date', 'conflict'],
                name='event_published_tile',
            ),
        ),
    ]
