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
        # Building the index over a large table (about 50 s at 1,000,000 events) outlasts the app's statement
        # timeout (DB_STATEMENT_TIMEOUT_MS); lifted for this migration's transaction only.
        migrations.RunSQL("SET LOCAL statement_timeout = 0", migrations.RunSQL.noop),
        BtreeGistExtension(),
        migrations.AddIndex(
            model_name='event',
            index=django.contrib.postgres.indexes.GistIndex(
                condition=models.Q(('state', 'published')), fields=['point', 'date', 'conflict'],
                name='event_published_tile',
            ),
        ),
    ]
