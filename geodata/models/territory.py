"""Territory over time: per conflict, series of dated polygon versions (who holds which area).

A version holds from `valid_from` until the next version of its series. The
database refuses an invalid or empty polygon (CHECKs), two versions of one
series on the same day (unique) and a version outside its conflict's dates (a
trigger). Geometry is cleaned with shapely before it is stored (clean_geometry).
"""

import pgtrigger
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Difference
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import DatePrecision
from ..editorial import EditorialRecord, PublishableQuerySet, bump_version_trigger
from ..editorial.history import tracked
from .dataversion import conflict_rows_triggers, territory_version_triggers
from .dates import as_date
from .reference import Conflict, Party

# The geometry helpers and result rows live in territory_geometry.py; imported here, where they are used.
from .territory_geometry import (
    SLIVER_AREA,
    AreaKm2,
    FrontLine,
    Overlap,
    PartyChange,
    Polygons,
    TerritoryChange,
    area_km2,
    clean_geometry,
)


class TerritoryKind(models.TextChoices):
    HELD = "held", pgettext_lazy("territory kind", "held")
    CLAIMED_ADVANCE = "claimed_advance", pgettext_lazy("territory kind", "claimed advance")
    CONTESTED = "contested", pgettext_lazy("territory kind", "contested / grey zone")


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
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="territory_series",
                                 verbose_name=_("conflict"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("party"))

    class Meta:
        verbose_name = _("territory series")
        verbose_name_plural = pgettext_lazy("plural", "territory series")
        ordering = ["conflict", "name"]
        triggers = conflict_rows_triggers()
        constraints = [
            models.UniqueConstraint(fields=["conflict", "slug"], name="territoryseries_slug_unique"),
            models.CheckConstraint(
                condition=Q(kind="contested", party__isnull=True) | (~Q(kind="contested") & Q(party__isnull=False)),
                name="territoryseries_party_unless_contested",
                violation_error_message=_("Held and claimed areas belong to a party; contested areas to none."),
            ),
        ]

    def __str__(self):
        return self.name


# Front line: how near (degrees, ~1 cm) one party's edge must run to the other's area to count as shared.
# Two areas cut from one another share their edge only up to float noding, so an exact intersection of the
# two boundaries would come out as scattered points and stubs.
FRONT_TOLERANCE = 1e-7
# A piece of front line shorter than this (degrees, ~10 m) is where two areas only touch at a corner.
FRONT_MIN_LENGTH = 1e-4

# The polygonal part of an SQL geometry expression as a MultiPolygon, NULL when there is none.
_NON_EMPTY = "(SELECT CASE WHEN ST_IsEmpty(x) THEN NULL ELSE x END FROM (SELECT ST_Multi(ST_CollectionExtract({}, 3)) AS x) m)"


# The union of an SQL array of geometries; one geometry is taken as it is (a unary union would re-node it).
_UNION_ALL = "(SELECT ST_Multi(CASE WHEN cardinality(arr) = 1 THEN arr[1] ELSE ST_Union(arr) END) FROM (SELECT {} AS arr) u)"


def ended_after(date):
    """The one rule of a version's end: in force on `date` only if it has no end or ends after `date`.

    `valid_until` is the first day the version no longer holds (so on the day of its end it is not in force).
    """
    return Q(valid_until__isnull=True) | Q(valid_until__gt=date)


def _geos(value):
    return GEOSGeometry(value) if value is not None else None


class TerritoryVersionQuerySet(PublishableQuerySet):
    def with_area_km2(self):
        """`area_km2` is a stored column now (TerritoryVersion.area_km2); kept so callers need not change."""
        return self

    def before(self, series, day):
        """Versions of `series` dated before `day`, latest first: the first is the previous version.

        `series` and `day` may be OuterRef()s, so the API's SQL and change_from_previous() share the rule.
        """
        return self.filter(series=series, valid_from__lt=day).order_by("-valid_from")

    def held_sql(self, date, conflict):
        """(SQL, params) of (party_id, g): the *held* versions in force at `date`, one row per version."""
        rows = self.in_force_at(date, conflict).filter(series__kind=TerritoryKind.HELD)
        text, params = rows.values("series__party_id", "geometry").query.sql_with_params()
        # values() names its columns after the lookups: read them by position instead.
        return f"SELECT h.party_id, h.g FROM ({text}) AS h(party_id, g)", params

    def held_by_party_sql(self, date, conflict):
        """(SQL, params) of (party_id, g): per party, the union of its *held* versions in force at `date`."""
        text, params = self.held_sql(date, conflict)
        return f"SELECT h.party_id, ST_Union(h.g) AS g FROM ({text}) h GROUP BY h.party_id", params

    def changes_between_sql(self, start, end, conflict):
        """(SQL, params) of (party_id, gained, lost, gained_km2, lost_km2), one row per party that gained or lost.

        The state at `start` and at `end` are the held versions in force at those dates (in_force_at);
        gained = ST_Difference(held at end, held at start), lost the other way round, km² on the ellipsoid.
        A party absent on one of the dates held nothing then. Empty differences are NULL (0 km²).

        (OFFSET 0 keeps PostgreSQL from inlining the differences into each place they are used, which would
        compute every overlay three times. Differencing version by version against only the versions whose
        boxes meet, as overlaps_at does, gave the same figures but was slower here: the pieces must be
        unioned per party again, and that costs what the whole-party unions cost.)
        """
        start, end = as_date(start), as_date(end)
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        a_sql, a_params = self.held_by_party_sql(start, conflict)
        b_sql, b_params = self.held_by_party_sql(end, conflict)
        text = f"""
            SELECT d.party_id, d.gained, d.lost,
                   coalesce(ST_Area(d.gained::geography) / 1e6, 0) AS gained_km2,
                   coalesce(ST_Area(d.lost::geography) / 1e6, 0) AS lost_km2
              FROM (SELECT coalesce(a.party_id, b.party_id) AS party_id,
                           {_NON_EMPTY.format("CASE WHEN a.g IS NULL THEN b.g ELSE ST_Difference(b.g, a.g) END")} AS gained,
                           {_NON_EMPTY.format("CASE WHEN b.g IS NULL THEN a.g ELSE ST_Difference(a.g, b.g) END")} AS lost
                      FROM ({a_sql}) a FULL JOIN ({b_sql}) b ON b.party_id = a.party_id
                    OFFSET 0) d
             WHERE d.gained IS NOT NULL OR d.lost IS NOT NULL
        """
        return text, [*a_params, *b_params]

    def changes_between(self, start, end, conflict):
        """Per party, the area gained and lost from the state at `start` to the state at `end` (one query).

        Call it on `.published()` for the public figures. Returns PartyChange rows ordered by party id.
        """
        text, params = self.changes_between_sql(start, end, conflict)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({text}) c ORDER BY c.party_id", params)
            return [PartyChange(p, _geos(g), _geos(lo), gk, lk) for p, g, lo, gk, lk in cursor.fetchall()]

    def overlaps_at_sql(self, date, conflict):
        """(SQL, params) of (party_a, party_b, geometry, area_km2): where two parties' held areas overlap at `date`.

        One row per pair of parties (party_a < party_b) whose held areas intersect in an area (a shared
        edge is not an overlap). Fronts are messy: the database accepts overlaps; this shows them.
        Computed version by version (pairs whose boxes meet), then unioned per pair of parties: the same as
        intersecting the parties' unions, without building those unions.
        Two areas drawn along one shared edge still intersect in needles of ~1e-17 square degrees
        (float noding), which the geography turns into a phantom of ~0.001 km²: an intersection
        smaller than a sliver (SLIVER_AREA, as the geometry cleaning) is not an overlap.
        """
        h_sql, params = self.held_sql(date, conflict)
        text = f"""
            WITH h AS MATERIALIZED ({h_sql})
            SELECT o.party_a, o.party_b, o.g AS geometry, ST_Area(o.g::geography) / 1e6 AS area_km2
              FROM (SELECT a.party_id AS party_a, b.party_id AS party_b, {_UNION_ALL.format("array_agg(i.g)")} AS g
                      FROM h a JOIN h b ON a.party_id < b.party_id AND a.g && b.g
                     CROSS JOIN LATERAL (SELECT {_NON_EMPTY.format("ST_Intersection(a.g, b.g)")} AS g OFFSET 0) i
                     WHERE i.g IS NOT NULL
                     GROUP BY a.party_id, b.party_id OFFSET 0) o
             WHERE ST_Area(o.g) >= {SLIVER_AREA}
        """
        return text, params

    def overlaps_at(self, date, conflict):
        """Overlaps of different parties' held areas in force at `date` (one query), as Overlap rows."""
        text, params = self.overlaps_at_sql(date, conflict)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({text}) o ORDER BY o.party_a, o.party_b", params)
            return [Overlap(a, b, _geos(g), km2) for a, b, g, km2 in cursor.fetchall()]

    def front_line_at_sql(self, date, conflict):
        """(SQL, params) of (party_a, party_b, geometry, length_km): the front line between two parties at `date`.

        Per pair of parties (party_a < party_b) whose *held* areas in force at `date` meet: the stretch of
        party_a's boundary (ST_Boundary of its ST_Union) that runs along party_b's area (within
        FRONT_TOLERANCE of it), merged into as few lines as possible (ST_LineMerge), as a MultiLineString.
        Where the areas overlap, the edge of party_a's area inside party_b's counts too: the areas meet
        there. Pieces shorter than FRONT_MIN_LENGTH (areas touching at a corner) are dropped; a pair with
        nothing left has no row. Length in km on the ellipsoid (ST_Length of the geography).
        Full resolution: simplify the result, not the areas, so the line stays one line.
        """
        h_sql, params = self.held_by_party_sql(date, conflict)
        text = f"""
            WITH h AS MATERIALIZED ({h_sql})
            SELECT l.party_a, l.party_b, l.g AS geometry, ST_Length(l.g::geography) / 1e3 AS length_km
              FROM (SELECT a.party_id AS party_a, b.party_id AS party_b,
                           (SELECT ST_Multi(ST_Collect(p.geom)) FROM ST_Dump(ST_LineMerge(ST_CollectionExtract(
                                ST_Intersection(ST_Boundary(a.g), ST_Buffer(b.g, {FRONT_TOLERANCE}, 'quad_segs=1')),
                                2))) p
                             WHERE ST_Length(p.geom) >= {FRONT_MIN_LENGTH}) AS g
                      FROM h a JOIN h b ON a.party_id < b.party_id AND ST_DWithin(a.g, b.g, {FRONT_TOLERANCE})
                    OFFSET 0) l
             WHERE l.g IS NOT NULL
        """
        return text, params

    def front_line_at(self, date, conflict):
        """The front lines between parties' held areas in force at `date` (one query), as FrontLine rows."""
        text, params = self.front_line_at_sql(date, conflict)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({text}) l ORDER BY l.party_a, l.party_b", params)
            return [FrontLine(a, b, _geos(g), km) for a, b, g, km in cursor.fetchall()]

    def in_force_at(self, date, conflict=None):
        """For `date`, the version in force of every series (of `conflict`): one query, ordered by series.

        Call it on `.published()` for the public state: a withdrawn or draft version is then skipped and the
        series' previous published version counts. Per series, one backward scan of the (series, valid_from)
        unique index stops at the first matching version, so the cost grows with the number of series, not
        of versions (a DISTINCT ON over all versions up to `date` sorted thousands of rows, and evaluated any
        annotation, such as public_territory_in_force's previous_id, on every one of them).
        A version with a `valid_until` is in force up to the day before it (see ended_after).
        """
        date = as_date(date)
        series = TerritorySeries.objects.all() if conflict is None else TerritorySeries.objects.filter(conflict=conflict)
        latest = self.filter(series=models.OuterRef("pk"), valid_from__lte=date).order_by("-valid_from")
        current = series.order_by().annotate(current=models.Subquery(latest.values("pk")[:1])).values("current")
        # A version that has ended (valid_until on or before `date`) leaves its series showing nothing: the
        # end is checked on the latest version only, so an ended version never lets an older one show again.
        return self.filter(pk__in=current).filter(ended_after(date)).order_by("series_id")


@tracked("TerritoryVersionHistory")
class TerritoryVersion(EditorialRecord):
    """From `valid_from` on (until the next version of its series, or `valid_until`), the series' area is `geometry`."""

    series = models.ForeignKey(TerritorySeries, on_delete=models.CASCADE, related_name="versions",
                               verbose_name=_("series"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        null=True, blank=True, verbose_name=_("ends on"),
        help_text=_("Optional: the first day this version no longer holds (e.g. a claimed advance superseded by what "
                    "is held, or withdrawn by its claimant). From that day the series shows nothing until its next "
                    "version. Empty: it holds until the next version."),
    )
    date_precision = models.PositiveSmallIntegerField(
        _("date precision"), choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    geometry = models.MultiPolygonField(_("area"), srid=4326)
    geometry_note = models.TextField(
        _("geometry note"), blank=True, help_text=_("How the geometry was drawn, and any automatic repair.")
    )
    # Stored by PostgreSQL whenever the geometry is written (however it is written): the geodesic area of a
    # 2,000-vertex polygon takes ~4 ms, too slow to recompute for every version of every API request.
    area_km2 = models.GeneratedField(
        expression=AreaKm2("geometry"), output_field=models.FloatField(), db_persist=True,
        verbose_name=_("area (km²)"), help_text=_("On the WGS 84 ellipsoid (ST_Area of the geography)."),
    )

    objects = TerritoryVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory version")
        verbose_name_plural = _("territory versions")
        ordering = ["series", "valid_from"]
        triggers = [bump_version_trigger(), WITHIN_CONFLICT_DATES, *territory_version_triggers()]
        constraints = [
            models.UniqueConstraint(fields=["series", "valid_from"], name="territoryversion_one_per_day"),
            models.CheckConstraint(
                condition=Q(geometry__isvalid=True), name="territoryversion_valid",
                violation_error_message=_("The area is not a valid polygon."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="territoryversion_ends_after_start",
                violation_error_message=_("A version must end after the day it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.series}: from {self.valid_from:%Y-%m-%d}"

    def change_from_previous(self):
        """The previous published version of the series and the area gained and lost since, in km² (ST_Area(geog)).

        Works on the geometry as it is in memory (an unsaved edit too), so the admin can show it before
        submission. Two queries: the previous version, then the differences and their areas in PostGIS.
        """
        if self.geometry is None or self.series_id is None or self.valid_from is None:
            raise ValueError("A version needs its series, date and geometry to be compared.")
        geometry = self.geometry if self.geometry.srid else GEOSGeometry(self.geometry.wkb, srid=4326)
        previous = TerritoryVersion.objects.published().before(self.series_id, as_date(self.valid_from))
        previous = previous.exclude(pk=self.pk).first() if self.pk else previous.first()
        if previous is None:
            return TerritoryChange(None, geometry, None, area_km2(geometry), 0.0)
        row = (
            TerritoryVersion.objects.filter(pk=previous.pk)
            .annotate(gained=Polygons(Difference(geometry, "geometry")), lost=Polygons(Difference("geometry", geometry)))
            .annotate(gained_km2=AreaKm2("gained"), lost_km2=AreaKm2("lost"))
            .values("gained", "lost", "gained_km2", "lost_km2")
            .get()
        )
        gained, lost = (g if g is not None and not g.empty else None for g in (row["gained"], row["lost"]))
        return TerritoryChange(
            previous, gained, lost, row["gained_km2"] if gained else 0.0, row["lost_km2"] if lost else 0.0
        )

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
                raise ValidationError({"valid_from": _("The date is outside the conflict's dates.")})
        if self.valid_from and self.valid_until and as_date(self.valid_until) <= as_date(self.valid_from):
            raise ValidationError({"valid_until": _("A version must end after the day it starts.")})

    def save(self, *args, **kwargs):
        self.repair_geometry()
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude={*(exclude or ()), "geometry"})
