"""Editor admin for territory: series, and their versions drawn on the map or uploaded from a file.

A version is an editorial record like a control change: the same workflow
actions, optimistic locking, history and revert (geodata/admin/editorial.py),
claims inline. Its page shows the previous version of the series (a second,
read-only layer on the map, drawn by static/js/admin/territory_admin.js
from a json_script block) and warns when its held area overlaps another party's
held area on the same day. "Start a new version from this one" opens the add
form with the series, date precision and area of the version copied.
"""

import functools

from django.contrib import admin, messages
from django.forms import Script
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join, json_script
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from leaflet.admin import LeafletGeoAdminMixin

from ..editorial import State
from ..models import Party, TerritoryKind, TerritorySeries, TerritoryVersion
from .editorial import EditorialAdminMixin
from .models import ClaimInline
from .territory_forms import TerritoryVersionForm
from .territory_preview import change_features, preview_view


def version_change_url(version):
    return reverse("admin:geodata_territoryversion_change", args=[version.pk])


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
        (gettext_lazy("Versions"), {"fields": ["version_list"]}),
    ]

    @admin.display(description=gettext_lazy("versions"))
    def version_list(self, series):
        if not series.pk:
            return _("Save the series first, then add its versions.")
        versions = series.versions.with_area_km2().order_by("valid_from")
        if not versions:
            return format_html(
                '<a href="{}?series={}">{}</a>',
                reverse("admin:geodata_territoryversion_add"), series.pk, _("Add the first version"),
            )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{} km²</td></tr>',
            ((version_change_url(v), v.valid_from.isoformat(), v.get_state_display(), f"{v.area_km2:,.1f}")
             for v in versions),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("From"), _("State"), _("Area"), rows,
        )


class TerritoryVersionClaimInline(ClaimInline):
    fk_name = "territory_version"


@admin.register(TerritoryVersion)
class TerritoryVersionAdmin(EditorialAdminMixin, LeafletGeoAdminMixin, admin.ModelAdmin):
    form = TerritoryVersionForm
    list_display = ["series", "valid_from", "valid_until", "date_precision", "kind", "party"]
    list_filter = ["series__conflict", "series__kind", "series__party", "valid_from"]
    search_fields = ["series__name", "geometry_note"]
    date_hierarchy = "valid_from"
    inlines = [TerritoryVersionClaimInline]
    list_select_related = ["series__party", "series__conflict"]
    readonly_fields = ["previous_version", "overlaps"]
    actions = [*EditorialAdminMixin.actions, "start_new_version"]
    fieldsets = [
        (None, {"fields": ["series", ("valid_from", "date_precision"), "valid_until"]}),
        (gettext_lazy("Area"), {"fields": ["geometry", "upload", "copied_from", "geometry_note"]}),
        (gettext_lazy("Compared with the previous version and the other parties"),
         {"fields": ["previous_version", "overlaps"]}),
    ]

    class Media:
        # Modules: they import the translations (static/js/i18n/), like the other admin scripts.
        js = [Script("js/admin/territory_admin.js", type="module"), Script("js/admin/territory_preview.js", type="module")]

    def get_urls(self):
        # The add form's preview of the previous version and km² before the first save (territory_preview.py).
        view = self.admin_site.admin_view(require_POST(functools.partial(preview_view, self)))
        return [path("preview/", view, name="geodata_territoryversion_preview"), *super().get_urls()]

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, version):
        return version.series.get_kind_display()

    @admin.display(description=gettext_lazy("party"))
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
                "geometry_note": _("Started from the version of %(date)s.") % {"date": f"{source.valid_from:%Y-%m-%d}"},
            })
        return initial

    @admin.action(description=gettext_lazy("Start a new version from the selected one (copy and edit)"))
    def start_new_version(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True)[:2])
        if len(chosen) != 1:
            self.message_user(request, _("Select exactly one version to start a new one from."), messages.ERROR)
            return None
        return redirect(f"{reverse('admin:geodata_territoryversion_add')}?copy_from={chosen[0]}")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        add = reverse("admin:geodata_territoryversion_add")
        version = TerritoryVersion.objects.filter(pk=object_id).values("series_id").first() if str(
            object_id).isdigit() else None
        if version is not None and self.has_add_permission(request):
            extra_context = {**(extra_context or {}), "copy_url": f"{add}?copy_from={object_id}",
                             "upload_url": f"{add}?series={version['series_id']}"}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- the repair (and import) note, shown after the save ------------------------------------
    def save_model(self, request, obj, form, change):
        # What the editor typed, not the cleaned value: an uploaded file's note is added by the form.
        typed = (form.data.get("geometry_note") or "").strip()
        super().save_model(request, obj, form, change)
        added = obj.geometry_note.replace(typed, "", 1).strip() if obj.geometry_note != typed else ""
        if added:
            self.message_user(request, added, messages.WARNING)

    # --- the previous version and overlaps, on the change page --------------------------------
    @admin.display(description=gettext_lazy("previous version"))
    def previous_version(self, version):
        if version.pk is None:
            # Filled in by territory_preview.js as the area is drawn, from the preview view (nothing saved).
            return format_html(
                '<div id="territory-preview" data-url="{}" aria-live="polite"><p>{}</p></div>',
                reverse("admin:geodata_territoryversion_preview"),
                _("Draw the area (and choose the series and date) to see the previous version and the km² "
                  "gained and lost before saving."),
            )
        change = version.change_from_previous()  # previous *published* version; PostGIS km² (geography)
        previous = change.previous
        data = json_script(change_features(change), "territory-previous")
        if previous is None:
            return format_html(
                "<p>{}</p>{}",
                _("No published version of this series before %(date)s: all of its %(km2)s km² is new.")
                % {"date": version.valid_from.isoformat(), "km2": f"{change.gained_km2:,.1f}"},
                data,
            )
        return format_html(
            "<p>{}</p>{}",
            format_html(
                _('Previous published version: from <a href="{url}">{date}</a>. Since then: <strong>{gained} km² '
                  "gained</strong>, <strong>{lost} km² lost</strong> (on the ellipsoid). On the map: the previous "
                  "area dashed, gained in green, lost in red (read-only layers)."),
                url=version_change_url(previous), date=previous.valid_from.isoformat(),
                gained=f"{change.gained_km2:,.1f}", lost=f"{change.lost_km2:,.1f}",
            ),
            data,
        )

    @admin.display(description=gettext_lazy("overlaps"))
    def overlaps(self, version):
        if version.pk is None:
            return _("Checked once this version is saved.")
        series = version.series
        if series.kind != TerritoryKind.HELD:
            return _("Only held areas are checked for overlaps.")
        if version.state == State.WITHDRAWN:
            return _("Withdrawn: no longer on the map, not checked.")
        clashes = overlaps_with(version)
        if not clashes:
            return _("No overlap with another party's held area on %(date)s.") % {
                "date": f"{version.valid_from:%Y-%m-%d}"}
        parties = Party.objects.in_bulk({o.party_a for o in clashes} | {o.party_b for o in clashes})
        items = format_html_join(
            "", "<li>{}: {} km²</li>",
            ((parties[o.party_b if o.party_a == series.party_id else o.party_a].name, f"{o.area_km2:,.2f}")
             for o in clashes),
        )
        return format_html(
            '<div class="cm-warning" role="alert"><strong>{}</strong> {}<ul>{}</ul>{}</div>',
            _("Warning:"),
            _("on %(date)s this held area overlaps what other parties hold (allowed: fronts are messy, but check "
              "the line). Overlap of the two parties' held areas:") % {"date": version.valid_from.isoformat()},
            items,
            _("Drafts and versions in review count; withdrawn ones do not."),
        )


def overlaps_with(version):
    """The overlaps (territory-api's overlaps_at) between this version's party and others on its first day.

    Drafts and versions in review count (an editor sees a clash before it is published), withdrawn ones
    do not. overlaps_at works on each party's union of held areas: keep the pairs with this version's
    party whose overlap touches this version's own area (the party may hold other series too).
    """
    party = version.series.party_id
    rows = TerritoryVersion.objects.exclude(state=State.WITHDRAWN).overlaps_at(
        version.valid_from, version.series.conflict_id
    )
    return [o for o in rows if party in (o.party_a, o.party_b) and o.geometry.intersection(version.geometry).area > 0]
