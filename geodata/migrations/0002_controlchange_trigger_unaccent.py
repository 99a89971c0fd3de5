"""Database-level rules that Django's model constraints cannot express.

Coordinates in range are CHECKs on ST_X/ST_Y (a geometry literal in a model
constraint does not survive migration serialisation with its SRID).

A control change must actually change hands: the database refuses a
non-retracted change whose party already controls the place at that date
(the previous effective change has the same party) or that duplicates the
next effective change. Model validation says the same in a form error; this
trigger is the backstop for imports, scripts and bulk writes.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = r"""
CREATE FUNCTION geodata_controlchange_check() RETURNS trigger AS $$
DECLARE
    prev_party bigint;
    next_party bigint;
BEGIN
    IF NEW.status = 'retracted' THEN
        RETURN NEW;
    END IF;
    SELECT party_id INTO prev_party FROM geodata_controlchange
     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id
       AND status <> 'retracted' AND id <> NEW.id
       AND (date < NEW.date OR (date = NEW.date AND id < NEW.id))
     ORDER BY date DESC, id DESC LIMIT 1;
    IF prev_party = NEW.party_id THEN
        RAISE EXCEPTION 'control change refused: party % already controls place % on %',
            NEW.party_id, NEW.place_id, NEW.date
            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';
    END IF;
    SELECT party_id INTO next_party FROM geodata_controlchange
     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id
       AND status <> 'retracted' AND id <> NEW.id
       AND (date > NEW.date OR (date = NEW.date AND id > NEW.id))
     ORDER BY date, id LIMIT 1;
    IF next_party = NEW.party_id THEN
        RAISE EXCEPTION 'control change refused: the next change of place % already gives it to party %',
            NEW.place_id, NEW.party_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

ALTER TABLE geodata_place ADD CONSTRAINT place_point_in_range
    CHECK (ST_X(point) BETWEEN -180 AND 180 AND ST_Y(point) BETWEEN -90 AND 90);
ALTER TABLE geodata_event ADD CONSTRAINT event_point_in_range
    CHECK (ST_X(point) BETWEEN -180 AND 180 AND ST_Y(point) BETWEEN -90 AND 90);

CREATE TRIGGER geodata_controlchange_changes_hands
    BEFORE INSERT OR UPDATE ON geodata_controlchange
    FOR EACH ROW EXECUTE FUNCTION geodata_controlchange_check();
"""

DROP = """
ALTER TABLE geodata_place DROP CONSTRAINT IF EXISTS place_point_in_range;
ALTER TABLE geodata_event DROP CONSTRAINT IF EXISTS event_point_in_range;
DROP TRIGGER IF EXISTS geodata_controlchange_changes_hands ON geodata_controlchange;
DROP FUNCTION IF EXISTS geodata_controlchange_check();
"""


class Migration(migrations.Migration):
    dependencies = [("geodata", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CREATE, DROP),
    ]
