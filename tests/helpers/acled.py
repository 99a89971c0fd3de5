"""ACLED rows and CSV files for the importer and export tests."""

import csv

COLUMNS = [
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp", "extra_column",
]
AZ = "Military Forces of Azerbaijan (2003-)"
AM = "Military Forces of Armenia (2018-)"


def row(**values):
    base = {
        "event_id_cnty": "AZE1", "event_date": "03 October 2020", "time_precision": "1",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": AM, "inter1": "1", "actor2": "Civilians (Azerbaijan)", "inter2": "7",
        "location": "Tartar", "latitude": "40.34", "longitude": "46.93", "geo_precision": "1",
        "source": "Azerbaijan Ministry of Defence", "notes": "Shelling of the town.", "fatalities": "2",
        "timestamp": "1602000000", "extra_column": "ignored",
    }
    base.update(values)
    return base


def write(tmp_path, rows, columns=COLUMNS, name="acled.csv"):
    path = tmp_path / name
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return str(path)
