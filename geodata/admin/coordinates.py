"""The admin's map widgets take coordinates (issue 11, item 9).

`static/js/admin/coordinates.js` adds latitude and longitude fields beside each point widget,
kept in sync with the marker both ways, places the marker with one click, draws the same
offline borders basemap as the public map, and prefills an event's point from its chosen place
(asking `<place id>/point/` below). This mixin gives it its configuration (json_script, the
strict CSP allows no inline script) on add and change pages.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import gettext as _


class CoordinatesAdminMixin:
    def render_change_form(self, request, context, *args, **kwargs):
        context["cm_admin_map"] = {
            "basemapUrl": static("vendor/world-atlas/countries-50m.json"),
            "placePointUrl": reverse("admin:geodata_place_point", args=[0]).replace("/0/", "/{id}/"),
        }
        return super().render_change_form(request, context, *args, **kwargs)


class PlacePointMixin:
    """`<id>/point/`: a place's coordinates, for prefilling an event's point in the admin."""

    def get_urls(self):
        return [
            path("<int:object_id>/point/", self.admin_site.admin_view(self.point_view), name="geodata_place_point"),
            *super().get_urls(),
        ]

    def point_view(self, request, object_id):
        place = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, place):
            return JsonResponse({"detail": _("You may not view this place.")}, status=403)
        return JsonResponse({"id": place.pk, "lat": place.point.y, "lon": place.point.x})
