"""Date arguments of the time queries."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def within_conflict(record, field="date"):
    """A form error when `record`'s date falls outside its conflict's start and end (clean())."""
    date, conflict = getattr(record, field), record.conflict if record.conflict_id else None
    if date is None or conflict is None:
        return
    if date < conflict.start_date or (conflict.end_date and date > conflict.end_date):
        until = f"{conflict.end_date:%Y-%m-%d}" if conflict.end_date else _("ongoing")
        raise ValidationError({field: (
            _("%(date)s is outside %(conflict)s (%(start)s to %(end)s): check the date, or the conflict's start "
              "and end.") % {"date": f"{date:%Y-%m-%d}", "conflict": conflict.name,
                             "start": f"{conflict.start_date:%Y-%m-%d}", "end": until}
        )})
