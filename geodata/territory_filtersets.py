"""Parameters of the territory endpoints (/api/territory/ and /api/territory/changes/), validated strictly
like every other FilterSet (filtersets.py): anything present but malformed is a 400 with a message."""

import math

import django_filters
from django import forms
from django.utils.translation import gettext as _

from .filtersets import ISODateFilter, conflict_filter, default_date

MAX_ZOOM = 18
MAX_TOLERANCE = 1.0  # degrees: beyond this a polygon of a region is a triangle at best


def zoom_tolerance(zoom):
    """Simplification tolerance in degrees for a web-map zoom: one 256-px tile pixel at the equator."""
    return 360.0 / (256 * 2**zoom)


class SimplifyForm(forms.Form):
    def clean(self):
        data = super().clean()
        zoom, tolerance = data.get("zoom"), data.get("simplify")
        if zoom is not None and zoom != int(zoom):
            raise forms.ValidationError({"zoom": _("zoom must be a whole number from 0 to %(max)d.") % {"max": MAX_ZOOM}})
        if zoom is not None and tolerance is not None:
            raise forms.ValidationError({"simplify": _("Give zoom or simplify, not both.")})
        if tolerance is not None and not (math.isfinite(tolerance) and 0 < tolerance <= MAX_TOLERANCE):
            raise forms.ValidationError(
                {"simplify": _("simplify is a tolerance in degrees, greater than 0 and at most %(max)s.") % {"max": MAX_TOLERANCE}}
            )
        return data


class ChangesForm(SimplifyForm):
    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError({"end": _("end (%(end)s) is before start (%(start)s).") % {"end": end, "start": start}})
        return data


class _Territory(django_filters.FilterSet):
    conflict = conflict_filter()
    zoom = django_filters.NumberFilter(
        method="filter_nothing", min_value=0, max_value=MAX_ZOOM,
        help_text=f"Web-map zoom (0–{MAX_ZOOM}, an integer): polygons are simplified to one pixel "
        "at that zoom. Without zoom or simplify, full resolution.",
    )
    simplify = django_filters.NumberFilter(
        method="filter_nothing",
        help_text=f"Simplification tolerance in degrees (0 < simplify ≤ {MAX_TOLERANCE}); not with zoom.",
    )

    class Meta:
        fields = []

    def filter_nothing(self, qs, name, value):
        return qs  # the territory SQL takes the cleaned values (territory_geojson.py), not a filtered queryset

    @property
    def tolerance(self):
        """Degrees, or None for full resolution."""
        data = self.form.cleaned_data
        if data.get("zoom") is not None:
            return zoom_tolerance(int(data["zoom"]))
        return float(data["simplify"]) if data.get("simplify") is not None else None


class TerritoryFilterSet(_Territory):
    """The territory of a conflict at `date` (default: today, clipped to the conflict's dates)."""

    date = ISODateFilter(method="filter_nothing", help_text="Date of the state shown, YYYY-MM-DD.")

    class Meta:
        form = SimplifyForm
        fields = []

    @property
    def date_shown(self):
        return self.form.cleaned_data.get("date") or default_date(self.form.cleaned_data["conflict"])


class TerritoryChangesFilterSet(_Territory):
    """Area gained and lost per party from the state at `start` to the state at `end`."""

    start = ISODateFilter(method="filter_nothing", required=True, help_text="First state, YYYY-MM-DD (required).")
    end = ISODateFilter(method="filter_nothing", required=True, help_text="Second state, YYYY-MM-DD (required).")

    class Meta:
        form = ChangesForm
        fields = []
