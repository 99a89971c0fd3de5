"""The territory version form: draw the area, or upload it from a file; copy from a previous version.

On top of the editorial form (optimistic locking, correction notes): the map
widget's geometry is optional when a file is uploaded (the file's area then
replaces it, read by geodata/importers/territory_file.py), and a version copied
from another one must have a different date.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..importers.territory_file import TerritoryFileError, read_area
from ..models import TerritoryVersion
from .forms import IGNORED_FOR_CHANGES, EditorialForm


class TerritoryVersionForm(EditorialForm):
    upload = forms.FileField(
        required=False,
        label=gettext_lazy("…or upload the area from a file"),
        # The formats of territory_file.ACCEPTED, written out so that the whole sentence is translated.
        help_text=gettext_lazy(
            "GeoJSON (.geojson, .json), KML (.kml), GeoPackage (.gpkg) or a zipped Shapefile (.zip), with exactly "
            "one polygon or multipolygon feature. It replaces the area on the map; another coordinate system is "
            "reprojected to WGS 84 (the note says so)."
        ),
    )
    copied_from = forms.IntegerField(required=False, widget=forms.HiddenInput, label=gettext_lazy("Copied from"))

    class Meta:
        model = TerritoryVersion
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "geometry" in self.fields:
            # Either drawn or uploaded: clean() requires one of the two.
            self.fields["geometry"].required = False

    def content_changed(self):
        return [name for name in super().content_changed() if name not in IGNORED_FOR_CHANGES | {"copied_from"}]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                area = read_area(upload)
            except TerritoryFileError as error:
                self.add_error("upload", error.messages)
            else:
                cleaned["geometry"] = area.geometry
                note = (cleaned.get("geometry_note") or "").strip()
                cleaned["geometry_note"] = f"{note}\n{area.note}".strip()
                self.errors.pop("geometry", None)
        elif cleaned.get("geometry") is None and "geometry" not in self.errors:
            self.add_error("geometry", _("Draw the area on the map, or upload it from a file."))
        self._check_copy(cleaned)
        return cleaned

    def _check_copy(self, cleaned):
        source_pk, day = cleaned.get("copied_from"), cleaned.get("valid_from")
        if not source_pk or day is None:
            return
        source = TerritoryVersion.objects.filter(pk=source_pk).first()
        if source is not None and source.valid_from == day:
            self.add_error(
                "valid_from",
                _("The new version's date must differ from the version it was copied from (%(date)s): "
                  "give the day the area changed.") % {"date": f"{source.valid_from:%Y-%m-%d}"},
            )
