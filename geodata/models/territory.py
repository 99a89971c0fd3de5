"""Territory over time: per conflict, series of dated polygon versions (who holds which area).

A version holds from `valid_from` until the next version of its series. The
database refuses an invalid or empty polygon (CHECKs), two versions of one
series on the same day (unique) and a version outside its conflict's dates (a
trigger). Geometry is cleaned with shapely before it is stored (clean_geometry).
"""

import pgtrigger
import shapely
from django.contrib.gis.db import models
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db.models import Q

from ..choices import DatePrecision
from ..editorial import EditorialRecord, PublishableQuerySet, bump_version_trigger
from ..editorial.history import tracked
from .dataversion import conflict_rows_triggers, territory_version_triggers
from .dates import as_date
from .reference import Conflict, Party

# Polygons (or polygon parts) smaller than this, in square degrees (~1 ha at 40° N), are slivers.
SLIVER_AREA = 1e-6


class TerritoryKind(models.TextChoices):
    HELD = "held", "held"
    CLAIMED_ADVANCE = "claimed_advance", "claimed advance"
    CONTESTED = "contested", "contested / grey zone"


def clean_geometry(geom):
    """Return (cleaned MultiPolygon, note): make_valid, no slivers or duplicate vertices, RFC 7946 orientation."""
    shape = shapely.from_wkb(bytes(geom.wkb))
    notes = []
    if not shape.is_valid:
        notes.append(f"made valid (it was invalid: {shapely.is_valid_reason(shape)})")
        shape = shapely.make_valid(shape)
    parts = [p for p in shapely.get_parts(shape) if p.geom_type in ("Polygon", "MultiPolygon")]
    polygons = [q for p in parts for q in shapely.get_parts(p)]
    kept = [p for p in polygons if p.area >= SLIVER_AREA]
    if len(kept) < len(polygons):
        notes.append(f"{len(polygons) - len(kept)} sliver(s) removed")
    if not kept:
        raise ValidationError("The geometry has no polygon of a usable size.")
    multi = shapely.MultiPolygon(kept)
    deduped = shapely.remove_repeated_points(multi)
    if shapely.get_num_coordinates(deduped) < shapely.get_num_coordinates(multi):
        notes.append("duplicate vertices removed")
    # RFC 7946: exterior rings counter-clockwise, holes clockwise.
    oriented = shapely.MultiPolygon([shapely.geometry.polygon.orient(p, 1.0) for p in shapely.get_parts(deduped)])
    if not oriented.equals_exact(deduped, 0):
        notes.append("rings re-oriented (right-hand rule)")
    cleaned = GEOSGeometry(memoryview(shapely.to_wkb(oriented)), srid=4326)
    return cleaned, ("Geometry repaired automatically: " + "; ".join(notes) + ".") if notes else ""


WITHIN_CONFLICT_DATES = pgtrigger.Trigger(
    name="within_conflict_dates",
    when=pgtrigger.Before,
    operation=pgtrigger.Insert | pgtrigger.Update,
    declare=[("c_start", "date"), ("c_end", "date")],
    func="""
    IF ST_IsEmpty(NEW.geometry) THEN
        RAISE EXCEPTION 'territory version refused: the area is empty'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'territoryversion_not_empty';
    END IF;
    SELECT c.start_date, c.end_date INTO c_start, c_end FROM geodata_conflict c
      JOIN geodata_territoryseries s ON s.conflict_id = c.id WHERE s.id = NEW.series_id;
    IF NEW.valid_from < c_start OR (c_end IS NOT NULL AND NEW.valid_from > c_end) THEN
        RAISE EXCEPTION 'territory version refused: % is outside the conflict''s dates', NEW.valid_from
            USING ERRCODE = 'check_violation', CONSTRAINT = 'territoryversion_within_conflict';
    END IF;
    RETURN NEW;
    """,
)


class TerritorySeries(models.Model):
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="territory_series")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=TerritoryKind.choices)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name_plural = "territory series"
        ordering = ["conflict", "name"]
        triggers = conflict_rows_triggers()
        constraints = [
            models.UniqueConstraint(fields=["conflict", "slug"], name="territoryseries_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind="contested", party__isnull=True) | (~Q(kind="contested") & Q(party__isnull=False)),
                name="territoryseries_party_unless_contested",
                violation_error_message="Held and claimed areas belong to a party; contested areas to none.",
            ),
        ]

    def __str__(self):
        return self.name


class AreaKm2(models.Func):
    """Area in km² on the WGS 84 ellipsoid (ST_Area of the geography), not in square degrees."""

    template = "ST_Area(%(expressions)s::geography) / 1e6"
    output_field = models.FloatField()


class TerritoryVersionQuerySet(PublishableQuerySet):
    def with_area_km2(self):
        return self.annotate(area_km2=AreaKm2("geometry"))

    def in_force_at(self, date, conflict=None):
        """For `date`, the version in force of every series (of `conflict`): one query, DISTINCT ON series.

        Call it on `.published()` for the public state: a withdrawn or draft version is then skipped and the
        series' previous published version counts. Uses the (series, valid_from) unique index.
        """
        qs = self.filter(valid_from__lte=as_date(date))
        if conflict is not None:
            qs = qs.filter(series__conflict=conflict)
        return qs.order_by("series_id", "-valid_from").distinct("series_id")


@tracked("TerritoryVersionHistory")
class TerritoryVersion(EditorialRecord):
    """From `valid_from` on (until the next version of its series), the series' area is `geometry`."""

    series = models.ForeignKey(TerritorySeries, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField()
    date_precision = models.PositiveSmallIntegerField(choices=DatePrecision.choices, default=DatePrecision.DAY)
    geometry = models.MultiPolygonField(srid=4326)
    geometry_note = models.TextField(blank=True, help_text="How the geometry was drawn, and any automatic repair.")

    objects = TerritoryVersionQuerySet.as_manager()

    class Meta:
        ordering = ["series", "valid_from"]
        triggers = [bump_version_trigger(), WITHIN_CONFLICT_DATES, *territory_version_triggers()]
        constraints = [
            models.UniqueConstraint(fields=["series", "valid_from"], name="territoryversion_one_per_day"),
            models.CheckConstraint(
                condition=Q(geometry__isvalid=True), name="territoryversion_valid",
                violation_error_message="The area is not a valid polygon.",
            ),
        ]

    def __str__(self):
        return f"{self.series}: from {self.valid_from:%Y-%m-%d}"

    def repair_geometry(self):
        if self.geometry is None:
            return
        try:
            self.geometry, note = clean_geometry(self.geometry)
        except ValidationError as error:
            raise ValidationError({"geometry": error.messages}) from None
        if note and note not in self.geometry_note:
            self.geometry_note = f"{self.geometry_note}\n{note}".strip()

    def clean(self):
        super().clean()
        self.repair_geometry()
        if self.series_id and self.valid_from:
            conflict = self.series.conflict
            if self.valid_from < conflict.start_date or (conflict.end_date and self.valid_from > conflict.end_date):
                raise ValidationError({"valid_from": "The date is outside the conflict's dates."})

    def save(self, *args, **kwargs):
        self.repair_geometry()
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude={*(exclude or ()), "geometry"})
