"""Forgiving place search (and the review comment's Python default): the pg_trgm extension and geodata_fold(text).

geodata_fold folds a name to a plain Latin key before it is compared:
lower case, Cyrillic transliterated to Latin (Шуша -> shusha), the Azerbaijani
Latin letters spelled as in English-language reporting (Xankəndi -> khankendi,
Şuşa -> shusha), then unaccent. PlaceQuerySet.ranked_search compares the folded
query with the folded canonical and alternate names by pg_trgm word similarity.
See docs/map.md (Finding a place).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# Multi-letter spellings first (replace), then the one-to-one letters (translate).
PAIRS = [
    ("щ", "shch"),
    ("ш", "sh"),
    ("ч", "ch"),
    ("ж", "zh"),
    ("х", "kh"),
    ("ц", "ts"),
    ("ю", "yu"),
    ("я", "ya"),
    ("ъ", ""),
    ("ь", ""),
    ("ş", "sh"),
    ("ç", "ch"),
    ("ğ", "gh"),
    ("x", "kh"),
]
SINGLE_FROM = "абвгдеёзийклмнопрстуфыэəı"
SINGLE_TO = "abvgdeeziyklmnoprstufyeei"


def fold_sql():
    body = "lower($1)"
    for source, target in PAIRS:
        body = f"replace({body}, '{source}', '{target}')"
    body = f"unaccent(translate({body}, '{SINGLE_FROM}', '{SINGLE_TO}'))"
    return (
        "CREATE OR REPLACE FUNCTION geodata_fold(text) RETURNS text "
        f"LANGUAGE sql STABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$ SELECT {body} $$;"
    )


class Migration(migrations.Migration):
    dependencies = [("geodata", "0004_acled_import")]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(fold_sql(), "DROP FUNCTION IF EXISTS geodata_fold(text);"),
        # review_comment gets a Python default too: an unsaved record showed a raw
        # "DatabaseDefault object at 0x…" as its review comment on the admin add pages.
        migrations.AlterField(
            model_name="claim",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
        migrations.AlterField(
            model_name="claimhistory",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
        migrations.AlterField(
            model_name="controlchange",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
        migrations.AlterField(
            model_name="controlchangehistory",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
        migrations.AlterField(
            model_name="eventhistory",
            name="review_comment",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                help_text="The reviewer's comment when the record was sent back (internal).",
            ),
        ),
    ]
