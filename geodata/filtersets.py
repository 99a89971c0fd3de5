"""One FilterSet per model, shared by the API and the HTML views (NetBox style).

Validation is strict: a parameter that is present but malformed (a date that
is not YYYY-MM-DD, a bbox without exactly four finite numbers in range, an
unknown slug or type, start after end...) makes the form invalid, and the API
answers HTTP 400 with the form's messages, never a 500 or a silently ignored
filter.
"""

import datetime
import math
import re

import django_filters
from django import forms
from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import SUB_EVENT_TYPES, EventType, Verification
from .public import public_claims, public_conflicts, public_control_changes, public_parties, public_places

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# One number of a bbox: decimal, optional sign and exponent (the API schema's pattern is built from it).
BBOX_NUMBER_PATTERN = r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?"
BBOX_NUMBER = re.compile(BBOX_NUMBER_PATTERN)


class ISODateField(forms.DateField):
    """A date written exactly as YYYY-MM-DD (no locale guessing, no '2020-1-5')."""

    default_error_messages = {"invalid": "Enter a date as YYYY-MM-DD, e.g. 2020-10-03."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        value = str(value).strip()
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a valid date: enter a date as YYYY-MM-DD, e.g. 2020-10-03.") % {"value": repr(value)},
                code="invalid",
            ) from None


class ISODateFilter(django_filters.DateFilter):
    field_class = ISODateField


class BBoxField(forms.CharField):
    """minlon,minlat,maxlon,maxlat in degrees (WGS 84) -> a Polygon."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parts = [part.strip() for part in value.split(",")]
        if len(parts) != 4:
            raise forms.ValidationError(
                _("bbox needs exactly 4 numbers (minlon,minlat,maxlon,maxlat), got %(count)d.") % {"count": len(parts)}
            )
        # Decimal numbers only, as the API schema's pattern says (float() would also take
        # "1_000", "nan" or "inf").
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            numbers = None
        if numbers and not all(math.isfinite(n) for n in numbers):
            raise forms.ValidationError(_("bbox numbers must be finite (no NaN or infinity)."))
        if numbers is None or not all(BBOX_NUMBER.fullmatch(part) for part in parts):
            raise forms.ValidationError(
                _("bbox must be 4 comma-separated numbers: minlon,minlat,maxlon,maxlat.")
            )
        minlon, minlat, maxlon, maxlat = numbers
        if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180):
            raise forms.ValidationError(_("bbox longitudes must be between -180 and 180."))
        if not (-90 <= minlat <= 90 and -90 <= maxlat <= 90):
            raise forms.ValidationError(_("bbox latitudes must be between -90 and 90."))
        if minlon > maxlon:
            raise forms.ValidationError(_("bbox minlon is greater than maxlon."))
        if minlat > maxlat:
            raise forms.ValidationError(_("bbox minlat is greater than maxlat."))
        return Polygon.from_bbox(numbers)


class ZoomField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", PLACE_MAX_ZOOM)
        kwargs.setdefault("error_messages", {
            "invalid": f"zoom must be a whole number from 0 to {PLACE_MAX_ZOOM}.",
            "min_value": f"zoom must be a whole number from 0 to {PLACE_MAX_ZOOM}.",
            "max_value": f"zoom must be a whole number from 0 to {PLACE_MAX_ZOOM}.",
        })
        super().__init__(*args, **kwargs)


class ZoomFilter(django_filters.Filter):
    """A web-map zoom, 0-22: below THIN_BELOW the places are thinned (PlaceQuerySet.thinned)."""

    field_class = ZoomField


PLACE_MAX_ZOOM = 22
PLACE_ZOOM_HELP = (
    "Web-map zoom of the view (0-22, an integer): below 10, one place per 40-pixel cell at that zoom, "
    "the most important first (cities, regions, towns, villages, sites; then the larger area), so the "
    "events under them stay visible. Without zoom, every place."
)


class BBoxFilter(django_filters.Filter):
    field_class = BBoxField

    def filter(self, qs, value):
        if value is None:
            return qs
        value.srid = 4326
        # Bounding-box overlap (&&): exact for points, edges included, works for a
        # zero-area box, and uses the GiST index on the point.
        return qs.filter(**{f"{self.field_name}__bboverlaps": value})


class CSVSelectMultiple(forms.SelectMultiple):
    """Reads `?x=a&x=b` and `?x=a,b` alike."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        values = []
        for item in raw:
            if item is None:
                continue
            values.extend(part.strip() for part in str(item).split(",") if part.strip())
        return values


class CSVMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CSVSelectMultiple)
        super().__init__(*args, **kwargs)


def conflict_filter():
    return django_filters.ModelChoiceFilter(
        queryset=lambda request: public_conflicts(),
        to_field_name="slug",
        required=True,
        help_text="Conflict slug, e.g. nagorno-karabakh-2020 (required).",
        error_messages={"invalid_choice": gettext_lazy("No conflict with that slug.")},
    )


class EventFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError({"end": _("end (%(end)s) is before start (%(start)s).") % {"end": end, "start": start}})
        return data


TYPE_CHOICES = [(name, name) for name in [*EventType.values, *SUB_EVENT_TYPES]]


class EventFilterSet(django_filters.FilterSet):
    conflict = conflict_filter()
    start = ISODateFilter(field_name="date", lookup_expr="gte", help_text="First day, YYYY-MM-DD (included).")
    end = ISODateFilter(field_name="date", lookup_expr="lte", help_text="Last day, YYYY-MM-DD (included).")
    bbox = BBoxFilter(field_name="point", max_length=200, help_text="minlon,minlat,maxlon,maxlat (degrees, WGS 84).")
    type = CSVMultipleChoiceFilter(
        choices=TYPE_CHOICES,
        method="filter_type",
        help_text="ACLED event type or sub-event type; repeat the parameter or separate with commas.",
    )
    party = django_filters.ModelMultipleChoiceFilter(
        queryset=lambda request: public_parties(),
        to_field_name="slug",
        method="filter_party",
        widget=CSVSelectMultiple,
        help_text="Party slug: events it perpetrated or was targeted by; repeatable or comma-separated (any of them).",
        error_messages={"invalid_choice": gettext_lazy("No party with that slug: %(value)s.")},
    )
    status = CSVMultipleChoiceFilter(
        choices=Verification.choices,
        method="filter_status",
        help_text="Verification status derived from the claims; repeatable or comma-separated.",
    )

    class Meta:
        form = EventFilterForm
        fields = []

    def filter_type(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(Q(event_type__in=value) | Q(sub_event_type__in=value))

    def filter_party(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(Q(perpetrator__in=value) | Q(target__in=value))

    def filter_status(self, qs, name, value):
        if not value:
            return qs
        if "verification" not in qs.query.annotations:
            qs = qs.with_verification(claims=public_claims())
        return qs.filter(verification__in=value)


class PlaceFilterSet(django_filters.FilterSet):
    """Places of a conflict with their controller at `date`.

    `date` defaults to today, clipped to the conflict's dates.
    """

    conflict = conflict_filter()
    date = ISODateFilter(method="filter_nothing", help_text="Date of the state shown, YYYY-MM-DD.")
    q = django_filters.CharFilter(method="filter_nothing", help_text="Any of the place's names.")
    zoom = ZoomFilter(method="filter_nothing", help_text=PLACE_ZOOM_HELP)

    class Meta:
        fields = []

    def filter_nothing(self, qs, name, value):
        return qs  # applied together in filter_queryset: they need the conflict

    @property
    def date_shown(self):
        return self.form.cleaned_data.get("date") or default_date(self.form.cleaned_data["conflict"])

    def filter_queryset(self, queryset):
        conflict = self.form.cleaned_data["conflict"]
        return (
            queryset.in_conflict(conflict)
            .thinned(self.form.cleaned_data.get("zoom"))
            .search(self.form.cleaned_data.get("q"))
            .with_controller_at(self.date_shown, conflict, changes=public_control_changes())
        )


class PlaceSearchFilterSet(django_filters.FilterSet):
    """The places of a conflict whose names match `q`, best first (PlaceQuerySet.ranked_search)."""

    conflict = conflict_filter()
    q = django_filters.CharFilter(
        method="filter_nothing",
        required=True,
        max_length=100,
        help_text="Any name in any spelling: case, accents, Cyrillic and small typos are forgiven (required).",
    )

    class Meta:
        fields = []

    def filter_nothing(self, qs, name, value):
        return qs

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return queryset.in_conflict(data["conflict"]).ranked_search(data["q"])[: settings.PLACE_SEARCH_LIMIT]


def default_date(conflict, today=None):
    """Today, clipped to the conflict's dates."""
    today = today or datetime.date.today()
    if today < conflict.start_date:
        return conflict.start_date
    if conflict.end_date and today > conflict.end_date:
        return conflict.end_date
    return today


class ControlChangeFilterSet(django_filters.FilterSet):
    conflict = conflict_filter()
    place = django_filters.ModelChoiceFilter(
        queryset=lambda request: public_places(),
        to_field_name="slug",
        help_text="Place slug.",
        error_messages={"invalid_choice": gettext_lazy("No place with that slug.")},
    )
    # since + until: what a map's timeline adds to the list it holds when it steps forward (ApiClient.js).
    since = ISODateFilter(field_name="date", lookup_expr="gte", help_text="First day, YYYY-MM-DD (included).")
    until = ISODateFilter(field_name="date", lookup_expr="lte", help_text="Last day, YYYY-MM-DD (included).")

    class Meta:
        fields = []


class PageForm(forms.Form):
    """page / page_size, shared by every paginated endpoint."""

    page = forms.IntegerField(required=False, min_value=1, max_value=10**9)
    page_size = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The cap is read per request so tests can override the setting.
        cap = settings.API_MAX_PAGE_SIZE
        field = self.fields["page_size"]
        field.max_value = cap
        field.validators.append(
            MaxValueValidator(cap, message=_("page_size must be at most %(max)d.") % {"max": cap})
        )
        field.widget.attrs["max"] = cap

    def page_number(self):
        return self.cleaned_data.get("page") or 1

    def size(self):
        return self.cleaned_data.get("page_size") or settings.API_PAGE_SIZE


class PlaceChangesFilterSet(django_filters.FilterSet):
    """The places of a conflict whose state on `to` differs from their state on `from`
    (PlaceQuerySet.changed_between), each with its state on `to`: the delta a map applies
    to the state it shows for `from` to show `to`. Either date may be the later one."""

    conflict = conflict_filter()
    to = ISODateFilter(method="filter_nothing", required=True, help_text="Date of the state wanted, YYYY-MM-DD.")
    zoom = ZoomFilter(method="filter_nothing", help_text=PLACE_ZOOM_HELP + " The same zoom as the state applied to.")

    class Meta:
        fields = []

    def filter_nothing(self, qs, name, value):
        return qs  # applied together in filter_queryset: they need the conflict

    @property
    def date_shown(self):
        return self.form.cleaned_data["to"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return self.between(queryset, data["from"], data["to"])

    def between(self, queryset, start, end):
        """The delta from `start` to `end` with this filter's conflict and zoom (the API reuses its
        statement for other dates: geodata/api/statements.py)."""
        data = self.form.cleaned_data
        conflict = data["conflict"]
        places = queryset.in_conflict(conflict)
        # The few places that changed, each tested against its cell (not the whole conflict ranked).
        return places.changed_between(start, end, conflict, changes=public_control_changes()).kept_among(
            places, data.get("zoom")
        )


# `from` is a Python keyword, so this filter cannot be declared in the class body.
_changes_filters = PlaceChangesFilterSet.base_filters
_changes_filters["from"] = ISODateFilter(
    method="filter_nothing", required=True, help_text="Date of the state the map shows, YYYY-MM-DD."
)
PlaceChangesFilterSet.base_filters = {name: _changes_filters[name] for name in ("conflict", "from", "to", "zoom")}
