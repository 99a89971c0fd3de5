"""Editor admin for territory: series, and their versions drawn on the map or uploaded from a file.

A version is an editorial record like a control change: the same workflow
actions, optimistic locking, history and revert (geodata/admin/editorial.py),
claims inline. Its page shows the previous version of the series (a second,
read-only layer on the map, drawn by static/js/admin/territory_admin.js
from a json_script block) and warns when its held area overlaps another party's
held area on the same day. "Start a new version from this one" opens the add
form with the series, date precision and area of the version copied.
"""

import json

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join, json_script
from leaflet.admin import LeafletGeoAdminMixin

from ..editorial import State
from ..models import TerritorySeries, TerritoryVersion
from .editorial import EditorialAdminMixin
from .models import ClaimInline
from .territory_forms import TerritoryVersionForm


def version_change_url(version):
    return reverse("admin:geodata_territoryversion_change", args=[version.pk])


def previous_of(version):
    """The series' version before `version` (withdrawn ones skipped: they are off the map)."""
    if version.pk is None or version.series_id is None or version.valid_from is None:
        return None
    return (
        TerritoryVersion.objects.filter(series_id=version.series_id, valid_from__lt=version.valid_from)
        .exclude(state=State.WITHDRAWN)
        .with_area_km2()
        .order_by("-valid_from")
        .first()
    )


@admin.register(TerritorySeries)
class TerritorySeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "conflict", "kind", "party"]
    list_filter = ["conflict", "kind", "party"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["conflict", "party"]
    readonly_fields = ["version_list"]
    fieldsets = [
        (None, {"fields": ["conflict", "name", "slug", ("kind", "party")]}),
        ("Versions", {"fields": ["version_list"]}),
    ]

    @admin.display(description="versions")
    def version_list(self, series):
        if not series.pk:
            return "Save the series first, then add its versions."
        versions = series.versions.with_area_km2().order_by("valid_from")
        if not versions:
            return format_html(
                '<a href="{}?series={}">Add the first version</a>',
                reverse("admin:geodata_territoryversion_add"), series.pk,
            )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{} km²</td></tr>',
            ((version_change_url(v), v.valid_from.isoformat(), v.get_state_display(), f"{v.area_km2:,.1f}")
             for v in versions),
        )
        return format_html(
            "<table><thead><tr><th>From</th><th>State</th><th>Area</th></tr></thead><tbody>{}</tbody></table>", rows
        )


class TerritoryVersionClaimInline(ClaimInline):
    fk_name = "territory_version"


@admin.register(TerritoryVersion)
class TerritoryVersionAdmin(EditorialAdminMixin, LeafletGeoAdminMixin, admin.ModelAdmin):
    form = TerritoryVersionForm
    list_display = ["series", "valid_from", "date_precision", "kind", "party"]
    list_filter = ["series__conflict", "series__kind", "series__party", "valid_from"]
    search_fields = ["series__name", "geometry_note"]
    date_hierarchy = "valid_from"
    inlines = [TerritoryVersionClaimInline]
    list_select_related = ["series__party", "series__conflict"]
    readonly_fields = ["previous_version", "overlaps"]
    actions = [*EditorialAdminMixin.actions, "start_new_version"]
    fieldsets = [
        (None, {"fields": ["series", ("valid_from", "date_precision")]}),
        ("Area", {"fields": ["geometry", "upload", "copied_from", "geometry_note"]}),
        ("Compared with the previous version and the other parties", {"fields": ["previous_version", "overlaps"]}),
    ]

    class Media:
        js = ["js/admin/territory_admin.js"]

    @admin.display(description="kind")
    def kind(self, version):
        return version.series.get_kind_display()

    @admin.display(description="party")
    def party(self, version):
        return version.series.party or "-"

    # --- copy and edit: the add form prefilled from another version ------------------------
    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        source_pk = request.GET.get("copy_from", "")
        source = TerritoryVersion.objects.filter(pk=source_pk).first() if source_pk.isdigit() else None
        if source is not None:
            initial.update({
                "series": source.series_id,
                "date_precision": source.date_precision,
                "geometry": source.geometry,
                "copied_from": source.pk,
                "geometry_note": f"Started from the version of {source.valid_from:%Y-%m-%d}.",
            })
        return initial

    @admin.action(description="Start a new version from the selected one (copy and edit)")
    def start_new_version(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True)[:2])
        if len(chosen) != 1:
            self.message_user(request, "Select exactly one version to start a new one from.", messages.ERROR)
            return None
        return redirect(f"{reverse('admin:geodata_territoryversion_add')}?copy_from={chosen[0]}")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        add = reverse("admin:geodata_territoryversion_add")
        version = TerritoryVersion.objects.filter(pk=object_id).values("series_id").first() if str(
            object_id).isdigit() else None
        extra_context = {**(extra_context or {}), "copy_url": f"{add}?copy_from={object_id}",
                         "upload_url": f"{add}?series={version['series_id']}" if version else None}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- the repair note, shown after the save ------------------------------------------------
    def save_model(self, request, obj, form, change):
        typed = (form.cleaned_data.get("geometry_note") or "").strip()
        super().save_model(request, obj, form, change)
        added = obj.geometry_note.replace(typed, "", 1).strip() if obj.geometry_note != typed else ""
        if added:
            self.message_user(request, added, messages.WARNING)

    # --- the previous version and overlaps, on the change page --------------------------------
    @admin.display(description="previous version")
    def previous_version(self, version):
        if version.pk is None:
            return "Shown once this version is saved (as a draft)."
        previous = previous_of(version)
        if previous is None:
            return "None: this is the first version of the series."
        feature = {
            "type": "Feature",
            "geometry": json.loads(previous.geometry.geojson),
            "properties": {"label": f"Previous version, from {previous.valid_from:%Y-%m-%d}"},
        }
        return format_html(
            '<p>From <a href="{}">{}</a> ({}), {} km². Drawn on the map above as the dashed, '
            "read-only layer.</p>{}",
            version_change_url(previous), previous.valid_from.isoformat(), previous.get_state_display(),
            f"{previous.area_km2:,.1f}", json_script(feature, "territory-previous"),
        )

    @admin.display(description="overlaps")
    def overlaps(self, version):
        if version.pk is None:
            return "Checked once this version is saved."
        if version.series.kind != "held":
            return "Only held areas are checked for overlaps."
        clashes = list(TerritoryVersion.objects.overlapping_held(version))
        if not clashes:
            return f"No overlap with another party's held area on {version.valid_from:%Y-%m-%d}."
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {} km²</li>',
            ((version_change_url(c), str(c), c.get_state_display(), f"{c.overlap_km2:,.2f}") for c in clashes),
        )
        return format_html(
            '<div class="cm-warning" role="alert"><strong>Warning:</strong> on {} this held area overlaps '
            "another party's held area (allowed: fronts are messy, but check the line):<ul>{}</ul></div>",
            version.valid_from.isoformat(), items,
        )
