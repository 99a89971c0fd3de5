"""Reading an ACLED CSV: every row checked, and every bad row reported with its line, before anything is written."""

import csv
import datetime
import functools

from ..choices import SUB_EVENT_TYPES, ImportPhase
from .messages import Message

REQUIRED = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
    "location", "latitude", "longitude", "source", "fatalities", "timestamp",
)
OPTIONAL = ("time_precision", "geo_precision", "actor2", "inter1", "inter2", "civilian_targeting", "notes")
# Rows between two progress reports (and per bulk INSERT in acled.py).
BATCH = 2000


class ImportFailed(Exception):
    """`errors`: a Message for every bad row (or the one reason), rendered where it is read."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@functools.lru_cache(maxsize=4096)
def parse_date(text):
    # Cached: a file has few distinct dates (one per day), and strptime was a large part of checking a row.
    return datetime.datetime.strptime(text.strip(), "%d %B %Y").date()


def checker(index):
    """The check of one row of a file whose header gives `index` ({column: position}): a function
    (line, fields) -> (row dict, None) or (None, the Message saying what is wrong). `fields` ends with an extra empty field, which
    stands for each optional column the file lacks (position -1).

    The positions are bound once for the file (a row is a list, not a dict of all its columns).
    """
    (i_id, i_date, i_type, i_sub, i_actor1, i_location, i_lat, i_lon, i_source, i_fatalities,
     i_timestamp) = (index[name] for name in REQUIRED)
    i_time, i_geo, i_actor2, i_inter1, i_inter2, i_civilian, i_notes = (index.get(name, -1) for name in OPTIONAL)

    def check(line, f):
        try:
            date = parse_date(f[i_date])
        except ValueError:
            return None, Message("bad_date", {"line": line, "value": f[i_date]})
        sub = f[i_sub].strip()
        parent = SUB_EVENT_TYPES.get(sub)
        if parent is None:
            return None, Message("unknown_sub_event_type", {"line": line, "value": sub})
        if parent != f[i_type].strip():
            return None, Message("sub_event_type_mismatch", {"line": line, "sub_event_type": sub, "event_type": f[i_type]})
        try:
            lat, lon = float(f[i_lat]), float(f[i_lon])
        except ValueError:
            return None, Message("coordinates_not_numbers", {"line": line})
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None, Message("coordinates_out_of_range", {"line": line, "lat": lat, "lon": lon})
        try:
            fatalities = int(f[i_fatalities] or 0)
            timestamp = int(f[i_timestamp])
        except ValueError:
            return None, Message("not_whole_numbers", {"line": line})
        try:
            time_precision, geo_precision = int(f[i_time] or 1), int(f[i_geo] or 1)
        except ValueError:
            return None, Message("precision_not_whole_numbers", {"line": line})
        external_id, actor1 = f[i_id].strip(), f[i_actor1].strip()
        if not external_id or not actor1:
            return None, Message("id_and_actor_required", {"line": line})
        return {
            "line": line, "id": external_id, "date": date, "sub": sub,
            "time_precision": time_precision, "geo_precision": geo_precision,
            "actor1": actor1, "actor2": f[i_actor2].strip(), "inter1": f[i_inter1].strip(),
            "inter2": f[i_inter2].strip(), "civilian_targeting": bool(f[i_civilian].strip()),
            "location": f[i_location].strip(), "lat": lat, "lon": lon, "source": f[i_source].strip(),
            "notes": f[i_notes].strip(), "fatalities": fatalities, "timestamp": timestamp,
        }, None

    return check


def no_progress(phase, done, total):
    pass


def read(path, progress=no_progress):
    """Check every row of the file; return (rows, errors), errors a Message (`line N: reason`) for every bad row.

    csv.reader and the columns' positions bound once (checker): csv.DictReader built a dict of all the
    file's columns (31 in an ACLED export) for every row, and each check looked its fields up in it.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        total = max(sum(1 for _ in handle) - 1, 0)
        handle.seek(0)
        reader = csv.reader(handle)
        header = next(reader, [])
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise ImportFailed([Message("missing_column", {"column": name}) for name in missing])
        index = {name: n for n, name in enumerate(header)}  # a repeated name: the last column, as DictReader
        check, width = checker(index), len(header)
        rows, errors = [], []
        progress(ImportPhase.CHECKING, 0, total)
        for n, fields in enumerate(reader, 1):
            if not fields:  # a blank line is no row (as csv.DictReader skipped it)
                continue
            if len(fields) < width:  # a short row's missing fields are empty: a required one is reported
                fields += [""] * (width - len(fields))
            fields.append("")  # the optional columns the file lacks
            row, error = check(reader.line_num, fields)
            (errors.append(error) if error else rows.append(row))
            if n % BATCH == 0:
                progress(ImportPhase.CHECKING, n, total)
        progress(ImportPhase.CHECKING, total, total)
    return rows, errors
