"""Editor admin: map widgets for geometry, inline names and claims, a control timeline per place."""

from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from leaflet.admin import LeafletGeoAdmin, LeafletGeoAdminMixin

from ..choices import Verification
from ..models import (
    AlternateName,
    Claim,
    ClaimQuerySet,
    Conflict,
    ControlChange,
    Correction,
    Event,
    Party,
    Place,
    Source,
)
from .coordinates import CoordinatesAdminMixin, PlacePointMixin
from .editorial import EditorialAdminMixin, EditorialInlineMixin, VersionedAdminMixin

admin.site.site_header = gettext_lazy("conflictmap editors")
admin.site.site_title = "conflictmap"
admin.site.index_title = gettext_lazy("Places, control, events and the claims behind them")


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "swatch"]
    list_filter = ["kind", "conflicts"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}

    @admin.display(description=gettext_lazy("colour"))
    def swatch(self, party):
        # An SVG fill attribute, not a style="" attribute: the CSP forbids inline styles.
        return format_html(
            '<svg class="cm-swatch" width="16" height="16" aria-hidden="true"><rect width="16" height="16" '
            'fill="{}" stroke="#333"></rect></svg> {}',
            party.color,
            party.color,
        )


@admin.register(Conflict)
class ConflictAdmin(CoordinatesAdminMixin, LeafletGeoAdmin):
    list_display = ["name", "slug", "start_date", "end_date"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["parties"]
    date_hierarchy = "start_date"


class AlternateNameInline(admin.TabularInline):
    """A place's names: per language, its role in that language's label (docs/place-names.md)."""

    model = AlternateName
    fields = ["language", "role", "name", "used_by"]
    extra = 1


@admin.register(Place)
class PlaceAdmin(PlacePointMixin, CoordinatesAdminMixin, VersionedAdminMixin, LeafletGeoAdmin):
    list_display = ["name", "labels", "kind", "latitude", "longitude"]
    list_filter = ["kind", "control_changes__conflict"]
    search_fields = ["name", "slug", "alternate_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AlternateNameInline]
    readonly_fields = ["geometry_note", "control_timeline"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind"]}),
        (gettext_lazy("Location"), {"fields": ["point", "area", "geometry_note"]}),
        (gettext_lazy("Control over time"), {"fields": ["control_timeline"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("alternate_names").distinct()

    @admin.display(description=gettext_lazy("label"))
    def labels(self, place):
        return place.display_name

    @admin.display(description=gettext_lazy("lat"))
    def latitude(self, place):
        return f"{place.point.y:.4f}"

    @admin.display(description=gettext_lazy("lon"))
    def longitude(self, place):
        return f"{place.point.x:.4f}"

    @admin.display(description=gettext_lazy("timeline"))
    def control_timeline(self, place):
        if not place.pk:
            return _("Save the place first, then add control changes.")
        changes = (
            place.control_changes.timeline()
            .with_status(published_only=False)
            .select_related("party", "conflict")
            .prefetch_related(Prefetch("claims", queryset=Claim.objects.select_related("source")))
        )
        if not changes:
            return _("No control changes recorded.")
        rows = format_html_join(
            "",
            '<tr{}><td>{}</td><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
            (
                (
                    format_html(' class="cm-not-effective"') if not change.is_effective else "",
                    change.date.isoformat(),
                    change.conflict.name,
                    f"../../controlchange/{change.pk}/change/",
                    change.party.name,
                    _("retracted") if change.retracted else Verification(change.status).label,
                    "; ".join(f"{c.claimant} ({c.source.outlet})" for c in change.claims.all()) or _("no claims"),
                )
                for change in changes
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("From"), _("Conflict"), _("Controller"), _("Status"), _("According to"), rows,
        )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["outlet", "title", "published_on"]
    list_filter = ["outlet"]
    search_fields = ["outlet", "title", "url"]
    date_hierarchy = "published_on"
    # A URL typed without a scheme becomes https://, never http:// (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ClaimInline(EditorialInlineMixin, admin.StackedInline):
    model = Claim
    extra = 1
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": [("claimant_party", "claimant_name", "claimant_role"), ("source", "claimed_on", "stance"), "summary"]}),
        (
            gettext_lazy("Casualty figures (this claimant's, never summed with others)"),
            {
                "fields": [
                    ("killed_civilians", "wounded_civilians"),
                    ("killed_combatants", "wounded_combatants"),
                    ("figure_qualifier", "casualties_of"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]


class EventClaimInline(ClaimInline):
    fk_name = "event"


class ControlChangeClaimInline(ClaimInline):
    fk_name = "control_change"


class VerificationFilter(admin.SimpleListFilter):
    title = gettext_lazy("verification status")
    parameter_name = "verification"
    annotation = "verification"

    def lookups(self, request, model_admin):
        return Verification.choices

    def queryset(self, request, queryset):
        if self.value() in Verification.values:
            return queryset.filter(**{self.annotation: self.value()})
        return queryset


class ControlStatusFilter(VerificationFilter):
    title = gettext_lazy("status")
    parameter_name = "status"
    annotation = "status"


@admin.register(ControlChange)
class ControlChangeAdmin(EditorialAdminMixin, admin.ModelAdmin):
    list_display = ["place", "party", "date", "date_precision", "claims_status", "retracted", "conflict"]
    list_filter = ["conflict", ControlStatusFilter, "retracted", "party", "date"]
    search_fields = ["place__name", "place__alternate_names__name", "party__name", "note"]
    autocomplete_fields = ["place"]
    date_hierarchy = "date"
    inlines = [ControlChangeClaimInline]
    list_select_related = ["place", "party", "conflict"]
    readonly_fields = ["claims_status"]
    fieldsets = [
        (None, {"fields": ["place", "conflict", "party", ("date", "date_precision"), "note"]}),
        (gettext_lazy("Status"), {
            "fields": ["claims_status", "confirmed", "confirmation_note", "retracted"],
            "description": gettext_lazy("The status follows the claims below: asserted by one side is claimed, "
                                        "asserted and denied is disputed. Mark it confirmed only when you have "
                                        "confirmed it, and say how."),
        }),
    ]

    def get_queryset(self, request):
        # Editors see the status their drafts' claims would give, not only the public one.
        return super().get_queryset(request).with_status(published_only=False).distinct()

    @admin.display(description=gettext_lazy("status (from the claims)"), ordering="status")
    def claims_status(self, change):
        if change.pk is None:
            return _("Follows the claims once saved.")
        return Verification(change.control_status).label


@admin.register(Event)
class EventAdmin(CoordinatesAdminMixin, EditorialAdminMixin, LeafletGeoAdminMixin, admin.ModelAdmin):
    list_display = ["date", "sub_event_type", "place", "perpetrator", "target", "civilian_targeting", "verification"]
    list_filter = ["conflict", "event_type", "sub_event_type", VerificationFilter, "civilian_targeting", "date"]
    search_fields = ["description", "external_id", "place__name", "place__alternate_names__name"]
    autocomplete_fields = ["place"]
    date_hierarchy = "date"
    inlines = [EventClaimInline]
    readonly_fields = ["event_type", "conservative"]
    list_select_related = ["place", "perpetrator", "target"]
    fieldsets = [
        (None, {"fields": ["conflict", "external_id", ("sub_event_type", "event_type")]}),
        (gettext_lazy("When"), {"fields": [("date", "time_precision")]}),
        (gettext_lazy("Where"), {"fields": ["place", "point", "geo_precision"]}),
        (gettext_lazy("Who"), {"fields": [("perpetrator", "target"), "civilian_targeting"]}),
        (gettext_lazy("What"), {"fields": ["description"]}),
        (gettext_lazy("Verification"), {"fields": ["confirmed", "confirmation_note", "conservative"]}),
    ]

    def get_queryset(self, request):
        # Editors see the verification their drafts would give, not only the public one.
        return super().get_queryset(request).with_verification(published_only=False).distinct()

    @admin.display(description=gettext_lazy("status"), ordering="verification")
    def verification(self, event):
        return Verification(event.verification).label

    @admin.display(description=gettext_lazy("conservative figures (lowest asserted)"))
    def conservative(self, event):
        if not event.pk:
            return "-"
        rows = event.conservative_figures()
        if not rows:
            return _("No figures claimed.")
        parties = Party.objects.in_bulk([row["casualties_of"] for row in rows if row["casualties_of"]])
        return "; ".join(
            "{}: {}".format(
                parties[row["casualties_of"]].short_name if row["casualties_of"] else _("unattributed"),
                ", ".join(
                    f"{Claim._meta.get_field(name).verbose_name} {row[name]}"
                    for name in ClaimQuerySet.FIGURES if row[name] is not None
                ),
            )
            for row in rows
        )


@admin.register(Claim)
class ClaimAdmin(EditorialAdminMixin, admin.ModelAdmin):
    """Claims are edited inline on their event or control change; this list is for reviewing them."""

    list_display = ["__str__", "stance", "source", "event", "control_change", "territory_version"]
    list_filter = ["stance", "claimant_party"]
    search_fields = ["summary", "claimant_name", "source__outlet"]
    autocomplete_fields = ["source", "event", "control_change", "territory_version"]
    list_select_related = ["claimant_party", "source", "event", "control_change__place", "control_change__party",
                           "territory_version__series"]
    fieldsets = [(None, {"fields": ["event", "control_change", "territory_version"]}), *ClaimInline.fieldsets]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Read-only: corrections are written by the change form and the withdraw action."""

    list_display = ["date", "kind", "record_label", "conflict", "created_by"]
    list_filter = ["kind", "conflict"]
    search_fields = ["note", "record_label"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
