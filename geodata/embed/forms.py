"""EmbedForm: the query parameters of /embed/<slug>/, read by the API's own field classes.

The parameters the embed shares with the events API (start, end, date, type,
party, status) are validated by the same field classes and widget as in
geodata/filtersets.py (ISODateField, django-filter's MultipleChoiceField and
ModelMultipleChoiceField, the CSVSelectMultiple widget that reads `?x=a,b` and
`?x=a&x=b` alike), so both read a value the same way.

Unlike the API's forms, this one never refuses a request: the embed lives in
somebody else's article. A field whose value is bad takes the field's initial
value instead (a repeatable field keeps its good values and drops the others),
and the problem is recorded in `form.problems` for the caller to log.
`cleaned_data` is therefore always complete. An empty value means the initial
value too, silently.

The rules are the map page's (static/js/map/urlstate.js): both run the cases of
tests/fixtures/view_state_cases.json. A date outside the range is clamped into
it; zoom and window are rounded half up, then clamped into their range; numbers
are plain decimals (no exponent, hex or infinity); `none` in type, party or
status means "nothing chosen" (the map's filter with every box unticked).
"""

import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django_filters.fields import ModelMultipleChoiceField, MultipleChoiceField

from ..choices import EventType, Verification
from ..filtersets import CSVSelectMultiple, ISODateField
from ..public import public_parties

LAYERS = ("places", "events", "territory")
CONTROLS = ("slider", "timeline")
NO_CONTROLS = "none"  # controls=none: no controls at all (only on its own)
DEFAULT_CONTROLS = ("slider",)
THEMES = ("light", "dark", "auto")
DEFAULT_WINDOW = 7  # days of events shown up to the date, as on the map page
MAX_WINDOW = 90
REPEATABLE = ("layers", "controls", "type", "party", "status")
FILTERS = ("type", "party", "status")
NOTHING_CHOSEN = "none"  # in a filter: no value chosen, so nothing passes (static/js/map/FilterControl.js NONE)
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")  # as urlstate.js's DECIMAL

# What is logged when a parameter falls back (keys: a field name, or a ValidationError code).
PROBLEMS = {
    "invalid_date": "{name}={raw!r} is not a date (YYYY-MM-DD); using {fallback}",
    "out_of_range": "{name}={raw} is outside {low}..{high}; using {fallback}",
    "window": "window={raw!r} is not a number of days; using {fallback}",
    "center": "center={raw!r} is not LAT,LON in range; fitting the conflict's extent",
    "zoom": "zoom={raw!r} is not a number; fitting the extent",
    "clamped": "{name}={raw} is outside {low}..{high}; using {value}",
    "repeatable": "{name}: unknown value(s) {dropped} ignored",
    "theme": "theme={raw!r} is not one of {choices}; using {fallback}",
    "lang": "lang={raw!r} is not an available language; using {fallback}",
}


def conflict_range(conflict):
    """The dates a slider may show: the conflict's start to its end (or today while it goes on)."""
    today = timezone.localdate()
    end = conflict.end_date or max(today, conflict.start_date)
    return conflict.start_date, end


def within(low, high):
    """A validator: the date is from `low` to `high` (both included)."""

    def validate(value):
        if not low <= value <= high:
            raise ValidationError(
                "%(value)s is outside %(low)s..%(high)s.",
                code="out_of_range",
                params={"value": value, "low": low, "high": high},
            )

    return validate


def decimal(text):
    """A plain decimal number as a float; ValueError for anything else ('1e1', '0x10', 'inf', 'nan')."""
    text = text.strip()
    if not DECIMAL.fullmatch(text):
        raise ValueError(text)
    return float(text)


class CenterField(forms.CharField):
    """LAT,LON in degrees (WGS 84; latitude first, unlike the API's bbox) -> (lat, lon)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            lat, lon = (decimal(part) for part in value.split(","))
        except ValueError:
            raise ValidationError("center must be two comma-separated numbers: LAT,LON.", code="invalid") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
            raise ValidationError(
                "center latitude must be from -90 to 90, longitude from -180 to 180.", code="out_of_range"
            )
        return (lat, lon)


class RoundedField(forms.Field):
    """A decimal number rounded half up to a whole one (9.5 -> 10, as JavaScript's Math.round).

    Not range-checked here: EmbedForm clamps it into min_value..max_value and says so.
    """

    def __init__(self, *, min_value, max_value, **kwargs):
        super().__init__(**kwargs)
        self.min_value, self.max_value = min_value, max_value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return math.floor(decimal(str(value)) + 0.5)
        except ValueError:
            raise ValidationError("not a number", code="invalid") from None


def repeatable(field_class=MultipleChoiceField, **kwargs):
    return field_class(required=False, widget=CSVSelectMultiple, **kwargs)


def choices(values):
    return [(value, value) for value in values]


def stripped(query):
    """A copy of a QueryDict (or a dict of values or lists of values) with every value stripped."""
    data = QueryDict(mutable=True)
    items = query.lists() if hasattr(query, "lists") else query.items()
    for name, values in items:
        values = values if isinstance(values, list | tuple) else [values]
        data.setlist(name, [str(value).strip() for value in values])
    return data


class EmbedForm(forms.Form):
    """The embed's parameters for one conflict; never invalid for the embed (see the module docstring).

    Fields are cleaned in this order: `date` is checked against the cleaned
    `start` and `end`, and falls back to the cleaned `end`. The repeatable
    fields clean to tuples of the values given, in their order, without
    duplicates (`party` to slugs).
    """

    start = ISODateField(required=False)  # initial: the conflict's first day
    end = ISODateField(required=False)  # initial: its last day (today while it goes on)
    date = ISODateField(required=False)  # initial: the cleaned end
    window = RoundedField(required=False, min_value=1, max_value=MAX_WINDOW, initial=DEFAULT_WINDOW)
    center = CenterField(required=False)  # initial None: fit the conflict's extent
    zoom = RoundedField(required=False, min_value=0, max_value=0)  # initial None: fit the extent; bounds: __init__
    layers = repeatable(choices=choices(LAYERS), initial=LAYERS)
    controls = repeatable(choices=choices([*CONTROLS, NO_CONTROLS]), initial=DEFAULT_CONTROLS)
    type = repeatable(choices=EventType.choices, initial=())  # ACLED event types (the map's filter)
    party = repeatable(ModelMultipleChoiceField, queryset=None, to_field_name="slug", initial=())
    status = repeatable(choices=Verification.choices, initial=())
    theme = forms.ChoiceField(required=False, choices=choices(THEMES), initial="auto")
    lang = forms.ChoiceField(required=False)  # settings.EMBED_LANGUAGES; initial: the reader's language, or the first

    def __init__(self, data, conflict, language=None):
        """`language`: the reader's language (Accept-Language, conflictmap/locale.py), used without lang=."""
        data = stripped(data)
        # `none` is set aside before the choice fields see it, and put back in clean() (see nothing_chosen).
        self.given = {name: CSVSelectMultiple().value_from_datadict(data, None, name) for name in FILTERS}
        for name in FILTERS:
            if name in data:
                data.setlist(name, [value for value in self.given[name] if value != NOTHING_CHOSEN])
        super().__init__(data)
        self.problems = []  # one message per parameter that fell back
        first, last = conflict_range(conflict)
        fields = self.fields
        for name, initial in (("start", first), ("end", last)):
            fields[name].initial = initial
            fields[name].validators.append(within(first, last))
        fields["date"].initial = lambda: self.cleaned_data["end"]
        fields["zoom"].min_value = settings.LEAFLET_CONFIG["MIN_ZOOM"]
        fields["zoom"].max_value = settings.LEAFLET_CONFIG["MAX_ZOOM"]
        fields["party"].queryset = public_parties().filter(conflicts=conflict)
        fields["lang"].choices = choices(settings.EMBED_LANGUAGES)
        fields["lang"].initial = language if language in settings.EMBED_LANGUAGES else settings.EMBED_LANGUAGES[0]

    def full_clean(self):
        self.problems = [f"unknown parameter {name!r} ignored" for name in sorted(set(self.data) - set(self.fields))]
        super().full_clean()

    def initial_value(self, name):
        return self.get_initial_for_field(self.fields[name], name)

    def add_error(self, field, error):
        """Record a field's error and fall back (Django's _clean_fields calls this for every field error)."""
        super().add_error(field, error)
        if field not in self.fields:
            return
        self.cleaned_data[field], message = self.fallback(field, ValidationError(error))
        self.problems.append(message)

    def fallback(self, name, error):
        """The value a field falls back to on `error`, and the message that says so."""
        field, raw, initial = self.fields[name], self[name].data, self.initial_value(name)
        if name in REPEATABLE:  # keep the good values, drop the others
            allowed = {str(value) for value, _label in field.choices} - {NO_CONTROLS}
            kept = tuple(dict.fromkeys(value for value in raw if value in allowed))
            dropped = ", ".join(repr(value) for value in raw if value not in allowed)
            return kept or initial, PROBLEMS["repeatable"].format(name=name, dropped=dropped)
        if isinstance(field, ISODateField):
            out_of_range = [e for e in error.error_list if e.code == "out_of_range"]
            if out_of_range:
                return initial, PROBLEMS["out_of_range"].format(name=name, raw=raw, fallback=initial, **out_of_range[0].params)
            return initial, PROBLEMS["invalid_date"].format(name=name, raw=raw, fallback=initial)
        return initial, PROBLEMS[name].format(
            raw=raw,
            fallback=initial,
            low=getattr(field, "min_value", None),
            high=getattr(field, "max_value", None),
            choices=", ".join(value for value, _label in getattr(field, "choices", ())),
        )

    # Run after the field's own validation, only if it passed; in field order.

    def clean_start(self):
        return self.cleaned_data["start"] or self.initial_value("start")

    def clean_end(self):
        start, end = self.cleaned_data["start"], self.cleaned_data["end"] or self.initial_value("end")
        if start > end:  # both were good (a fallback cannot be out of order): the conflict's range for both
            first, last = self.initial_value("start"), self.initial_value("end")
            self.problems.append(f"start {start} is after end {end}; using the conflict's range {first}..{last}")
            self.cleaned_data["start"] = first
            return last
        return end

    def clean_date(self):
        """A date outside start..end is the nearest end of it: what a reader asking for it would see last or first."""
        date, start, end = self.cleaned_data["date"], self.cleaned_data["start"], self.cleaned_data["end"]
        if date is None:
            return self.initial_value("date")
        return self.clamped("date", date, start, end)

    def clamped(self, name, value, low, high):
        if low <= value <= high:
            return value
        nearest = min(max(value, low), high)
        self.problems.append(PROBLEMS["clamped"].format(name=name, raw=self[name].data, low=low, high=high, value=nearest))
        return nearest

    def clean_window(self):
        window = self.cleaned_data["window"]
        field = self.fields["window"]
        return self.initial_value("window") if window is None else self.clamped("window", window, field.min_value, field.max_value)

    def clean_zoom(self):
        zoom, field = self.cleaned_data["zoom"], self.fields["zoom"]
        return None if zoom is None else self.clamped("zoom", zoom, field.min_value, field.max_value)

    def clean_controls(self):
        controls = self.cleaned_data["controls"]
        if controls == [NO_CONTROLS]:
            return ()
        if NO_CONTROLS in controls:
            raise ValidationError(f"{NO_CONTROLS} stands alone.", code="invalid_choice")
        return tuple(dict.fromkeys(controls)) or self.initial_value("controls")

    def clean(self):
        data = self.cleaned_data
        for name in ("layers", "type", "party", "status"):
            if name not in self.errors:  # the values given, in order (for party: slugs, not Party objects)
                data[name] = tuple(dict.fromkeys(self[name].data)) or self.initial_value(name)
        for name in FILTERS:
            if NOTHING_CHOSEN in self.given[name]:  # back where it was given, among the good values
                kept = {*data[name], NOTHING_CHOSEN}
                data[name] = tuple(dict.fromkeys(value for value in self.given[name] if value in kept))
        for name in ("theme", "lang"):
            if data[name] in self.fields[name].empty_values:
                data[name] = self.initial_value(name)
        return data
