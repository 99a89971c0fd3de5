"""Query parameters of OGC API Features `/items`: bbox, datetime, limit, cursor, conflict, f.

Validated by a form, like the API's parameters (filtersets.py): every bad value is
reported, as HTTP 400 JSON, never ignored.
"""

import base64
import binascii
import datetime
import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from ..filtersets import BBoxField
from ..public import public_conflicts

DEFAULT_LIMIT = 100


def _day(text):
    """A date from an RFC 3339 date or date-time (the day of a date-time, as our records are dated by day)."""
    text = text.strip()
    try:
        if "T" in text or "t" in text:
            return datetime.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00")).date()
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise forms.ValidationError(
            _("'%(text)s' is not an RFC 3339 date or date-time (e.g. 2020-10-01 or 2020-10-01T00:00:00Z).") % {"text": text}
        ) from None


class DateTimeIntervalField(forms.CharField):
    """OGC `datetime`: an instant, or an interval `start/end` where either end may be `..` (open).

    Cleans to (first day, last day), either None when open; an instant gives the same day twice.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if "/" not in value:
            day = _day(value)
            return day, day
        parts = value.split("/")
        if len(parts) != 2:
            raise forms.ValidationError(_("datetime is an instant or one interval start/end."))
        start, end = (None if part.strip() in ("", "..") else _day(part) for part in parts)
        if start is None and end is None:
            raise forms.ValidationError(_("datetime: an interval needs at least one end ('../..' is not one)."))
        if start and end and start > end:
            raise forms.ValidationError(_("datetime: the interval ends (%(end)s) before it starts (%(start)s).") % {"end": end, "start": start})
        return start, end


def encode_cursor(values):
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


class CursorField(forms.CharField):
    """An opaque keyset position written by us in a `next` link: base64 of a JSON [key, id] pair."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            key, pk = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        except (ValueError, TypeError, binascii.Error):
            raise forms.ValidationError(_("cursor is not one of ours: follow the `next` link as given.")) from None
        if not isinstance(key, str) or not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk < 2**63:
            raise forms.ValidationError(_("cursor is not one of ours: follow the `next` link as given."))
        return key, pk


class ItemsForm(forms.Form):
    bbox = BBoxField(required=False)
    datetime = DateTimeIntervalField(required=False)
    limit = forms.IntegerField(required=False, min_value=1)
    cursor = CursorField(required=False)
    conflict = forms.SlugField(required=False)
    f = forms.ChoiceField(required=False, choices=[("json", "json"), ("html", "html")])

    def clean_conflict(self):
        slug = self.cleaned_data.get("conflict")
        if not slug:
            return None
        conflict = public_conflicts().filter(slug=slug).first()
        if conflict is None:
            raise forms.ValidationError(_("No conflict with that slug."))
        return conflict

    def clean_limit(self):
        limit = self.cleaned_data.get("limit")
        if limit is not None and limit > settings.API_MAX_PAGE_SIZE:
            raise forms.ValidationError(_("limit is at most %(max)d.") % {"max": settings.API_MAX_PAGE_SIZE})
        return limit or min(DEFAULT_LIMIT, settings.API_MAX_PAGE_SIZE)
