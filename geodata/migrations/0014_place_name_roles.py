"""Each alternate name gets a role in the label of its language (docs/place-names.md), and the label
rule becomes SQL functions beside their Python twins (geodata/placenames.py): geodata_place_label
(placenames.label) and geodata_place_names (placenames.names).

in_label meant "in brackets after the canonical name", and the canonical name is the English one,
so a name flagged in_label becomes a bracket name of the English label (language en, whatever its
former tag, e.g. az-Latn for "Khankendi"): the English labels stay exactly as they were.
"""

import django.core.validators
from django.db import migrations, models

# One index scan of the place's names in the language each (they are not inlined: a function with
# a subquery never is, so each is one scan per call). A bracket name cannot equal the primary name
# of its language (alternate_name_unique), so only the canonical name, when it stands in for a
# missing primary, has to be left out of the brackets ("differs" in placenames.label).
CREATE_FUNCTIONS = """
CREATE OR REPLACE FUNCTION geodata_place_label(place_id bigint, place_name text, lang text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(s.primary_name, $2)
         || coalesce(' (' || CASE WHEN s.primary_name IS NULL THEN s.but_canonical ELSE s.brackets END || ')', '')
  FROM (SELECT max(a.name) FILTER (WHERE a.role = 'primary') AS primary_name,
               string_agg(a.name, ' / ' ORDER BY a.name COLLATE "C") FILTER (WHERE a.role = 'bracket') AS brackets,
               string_agg(a.name, ' / ' ORDER BY a.name COLLATE "C")
                 FILTER (WHERE a.role = 'bracket' AND a.name <> $2) AS but_canonical
        FROM geodata_alternatename a WHERE a.place_id = $1 AND a.language = $3) s
$$;
CREATE OR REPLACE FUNCTION geodata_place_names(place_id bigint, place_name text, langs text[]) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT json_object_agg(u.lang, coalesce(a.name, $2) ORDER BY u.n)
  FROM unnest($3) WITH ORDINALITY AS u(lang, n)
  LEFT JOIN geodata_alternatename a ON a.place_id = $1 AND a.language = u.lang AND a.role = 'primary'
$$;
"""
DROP_FUNCTIONS = ("DROP FUNCTION IF EXISTS geodata_place_label(bigint, text, text); "
                  "DROP FUNCTION IF EXISTS geodata_place_names(bigint, text, text[]);")

# The constraint triggers fire at once: ALTER TABLE refuses a table with trigger events pending.
# A name flagged in_label becomes an English bracket name; if the place already has that name
# in English, that row takes the role and the flagged duplicate goes (as do flagged duplicates under
# two tags, e.g. az-Latn and hy-Latn, which would become the same English name).
FORWARD = """
SET CONSTRAINTS ALL IMMEDIATE;
UPDATE geodata_alternatename a SET role = 'bracket' WHERE a.language = 'en' AND EXISTS (
  SELECT 1 FROM geodata_alternatename f WHERE f.in_label AND f.place_id = a.place_id AND f.name = a.name);
DELETE FROM geodata_alternatename f WHERE f.in_label AND f.language <> 'en' AND EXISTS (
  SELECT 1 FROM geodata_alternatename a WHERE a.language = 'en' AND a.place_id = f.place_id AND a.name = f.name);
DELETE FROM geodata_alternatename f WHERE f.in_label AND EXISTS (
  SELECT 1 FROM geodata_alternatename g WHERE g.in_label AND g.place_id = f.place_id AND g.name = f.name AND g.id < f.id);
UPDATE geodata_alternatename SET role = 'bracket', language = 'en' WHERE in_label;
"""
BACKWARD = "SET CONSTRAINTS ALL IMMEDIATE; UPDATE geodata_alternatename SET in_label = (role = 'bracket' AND language = 'en');"


class Migration(migrations.Migration):

    dependencies = [
        ('geodata', '0013_territory_valid_until'),
    ]

    operations = [
        migrations.AddField(
            model_name='alternatename',
            name='role',
            field=models.CharField(choices=[('primary', 'Primary: the name shown first in this language'), ('bracket', "Bracket: the other side's name, shown in brackets after it"), ('other', 'Other: found by search, listed in the popup, not in the label')], default='other', help_text="Its role in the label of its language: primary (shown first), bracket (the other side's name, in brackets after it) or other (search and popup only). docs/place-names.md", max_length=10),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.AlterModelOptions(
            name='alternatename',
            options={'ordering': ['place', 'language', 'role', 'name']},
        ),
        migrations.RemoveField(
            model_name='alternatename',
            name='in_label',
        ),
        migrations.AddConstraint(
            model_name='alternatename',
            constraint=models.UniqueConstraint(condition=models.Q(('role', 'primary')), fields=('place', 'language'), name='alternate_name_one_primary', violation_error_message='A place has at most one primary name per language.'),
        ),
        migrations.AlterField(
            model_name='alternatename',
            name='language',
            field=models.CharField(help_text="The readers' language whose label the role is for: en, hy, az or ru (another code, such as hy-Latn, for a name kept for search and the popup only).", max_length=20, validators=[django.core.validators.RegexValidator('^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', 'Enter a language code such as en, az, hy or hy-Latn.')]),
        ),
        migrations.RunSQL(CREATE_FUNCTIONS, DROP_FUNCTIONS),
    ]
