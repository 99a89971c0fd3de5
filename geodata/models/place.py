"""Places and their names in every language and usage."""

from django.contrib.gis.db import models
from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Lower, RowNumber, StrIndex
from django.db.models.lookups import Exact, GreaterThan
from django.utils.translation import gettext_lazy as _

from .. import placenames
from ..choices import NameRole, PlaceKind
from ..editorial import Versioned, bump_version_trigger
from ..editorial.history import tracked
from .dataversion import place_triggers
from .dates import as_date
from .thinning import THIN_BELOW, thin_cell, thin_cell_bounds, thin_rank, thin_size
from .validators import language_validator, validate_lonlat

# The least score ranked_search keeps: above unrelated names, below one-letter typos.
SEARCH_THRESHOLD = 0.4

class PlaceQuerySet(models.QuerySet):
    def with_controller_at(self, date, conflict=None, changes=None, published_only=True):
        """Annotate each place with who controlled it on `date`.

        Adds `control_change_id`, `controller_id`, `controller_since`,
        `control_status` and `control_date_precision`; all are None for a
        place with no record on or before that date. `changes` restricts the
        control changes considered (the public API passes its public ones);
        without it only published changes count, unless `published_only=False`
        (the editors' preview in the admin).
        Only the annotations a query selects are computed: `.values("id",
        "control_change_id")` costs one index lookup per place.
        """
        if changes is None:
            changes = self.model.control_changes.field.model.objects.published() if published_only else self.model.control_changes.field.model.objects.all()
        if "status" not in changes.query.annotations:  # the status follows the claims (with_status)
            changes = changes.with_status(published_only=published_only)
        current = changes.in_force_at(date, conflict).filter(place=OuterRef("pk"))
        return self.annotate(
            control_change_id=Subquery(current.values("id")[:1]),
            controller_id=Subquery(current.values("party_id")[:1]),
            controller_since=Subquery(current.values("date")[:1]),
            control_status=Subquery(current.values("status")[:1]),
            control_date_precision=Subquery(current.values("date_precision")[:1]),
        )

    def changed_between(self, start, end, conflict=None, changes=None):
        """The places whose state on `end` differs from their state on `start`, annotated with
        their state on `end` (with_controller_at), in either direction of time.

        A place's state on D is its latest effective change dated on or before D. With
        lo, hi = the earlier and the later date: if the place has no effective change dated
        in (lo, hi], its latest change up to hi is its latest up to lo, so nothing changed;
        if it has one, the latest up to hi is dated after lo while every change up to lo is
        not, so the two differ (controller, status, date or claims). The one EXISTS test is
        therefore exact, and uses the (place, conflict, date) index. `changes` as in
        with_controller_at (the public API passes its public ones; default published).
        """
        if changes is None:
            changes = self.model.control_changes.field.model.objects.published()
        lo, hi = sorted([as_date(start), as_date(end)])
        moved = changes.effective().filter(place=OuterRef("pk"), date__gt=lo, date__lte=hi)
        if conflict is not None:
            moved = moved.filter(conflict=conflict)
        return self.filter(Exists(moved)).with_controller_at(end, conflict, changes=changes)

    def thinned(self, zoom):
        """At a zoom below THIN_BELOW, one place of these per cell of a THIN_CELL_PX-pixel grid at that
        zoom (Web Mercator, aligned on the world, so panning never changes the choice): the most
        important (PLACE_KIND_RANK: cities first), then the larger area, then the lower id. At
        THIN_BELOW and above, or without a zoom, every place.

        Ranks the whole set at once (a window per cell): for a whole state. kept_among gives the
        same answer place by place, for a few places (a slider step's delta)."""
        if zoom is None or zoom >= THIN_BELOW:
            return self
        column, row = thin_cell(F("point"), zoom)
        ranked = self.model.objects.filter(pk__in=self.order_by().values("pk")).annotate(
            keep=Window(RowNumber(), partition_by=[column, row],
                        order_by=[thin_rank("kind").asc(), thin_size("area").desc(), F("pk").asc()]),
        )
        return self.filter(pk__in=ranked.filter(keep=1).values("pk"))

    def kept_among(self, places, zoom):
        """Those of these places that `places.thinned(zoom)` keeps, decided one place at a time: kept
        unless a place of `places` in its cell comes first. Each test finds the cell's other places
        through the spatial index on `point`, so a few places (the ones a step changed) cost a few
        index probes where thinned() ranks every place of the conflict (15 ms at 5,000 places).
        Tested equal to thinned() (tests/test_place_thinning.py)."""
        if zoom is None or zoom >= THIN_BELOW:
            return self
        column, row = thin_cell(F("point"), zoom)
        bounds = thin_cell_bounds(OuterRef("thin_column"), OuterRef("thin_row"), zoom)
        rank, size = thin_rank("kind"), thin_size("area")
        first = Q(thin_rank__lt=OuterRef("thin_rank")) | Q(thin_rank=OuterRef("thin_rank"), thin_size__gt=OuterRef("thin_size")) | Q(
            thin_rank=OuterRef("thin_rank"), thin_size=OuterRef("thin_size"), pk__lt=OuterRef("pk"))
        ahead = (
            self.model.objects.filter(pk__in=places.order_by().values("pk"), point__bboverlaps=bounds)
            .alias(thin_column=column, thin_row=row, thin_rank=rank, thin_size=size)
            .filter(first, thin_column=OuterRef("thin_column"), thin_row=OuterRef("thin_row"))
        )
        return self.alias(thin_column=column, thin_row=row, thin_rank=rank, thin_size=size).filter(~Exists(ahead))

    def in_conflict(self, conflict, published_only=True):
        """Places that appear in a conflict through a (published) control record or event."""
        # Reached through the relations: control.py and event.py import this module.
        changes = self.model.control_changes.field.model.objects.all()
        events = self.model.events.field.model.objects.all()
        if published_only:
            changes, events = changes.published(), events.published()
        return self.filter(
            Exists(changes.filter(place=OuterRef("pk"), conflict=conflict))
            | Exists(events.filter(place=OuterRef("pk"), conflict=conflict))
        )

    def search(self, text):
        """Match the canonical name or any alternate name, case- and accent-insensitively."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__unaccent__icontains=text)
            | Exists(
                AlternateName.objects.filter(place=OuterRef("pk"), name__unaccent__icontains=text)
            )
        )

    def by_any_name(self, names):
        """{name: place} for each of `names` that is a place's canonical or alternate name, ignoring
        case and accents (lower(unaccent()), as the `unaccent__iexact` lookups elsewhere), in three
        queries whatever the number of names; a name shared by two places goes to the first by id."""
        names = list(names)
        if not names:
            return {}
        with connection.cursor() as cursor:
            cursor.execute("SELECT n, lower(unaccent(n)) FROM unnest(%s::text[]) AS n", [names])
            fold = dict(cursor.fetchall())
        keys = set(fold.values())
        canonical = self.annotate(key=Lower(Unaccent("name"))).filter(key__in=keys).values_list("key", "pk")
        alternate = (AlternateName.objects.filter(place__in=self).annotate(key=Lower(Unaccent("name")))
                     .filter(key__in=keys).values_list("key", "place_id"))
        first = {}
        for key, pk in sorted([*canonical, *alternate], key=lambda pair: pair[1]):
            first.setdefault(key, pk)
        places = self.model.objects.in_bulk(set(first.values()))
        return {name: places[first[key]] for name, key in fold.items() if key in first}

    def ranked_search(self, text, threshold=SEARCH_THRESHOLD):
        """Places whose canonical or any alternate name matches `text`, best first, forgivingly.

        Both sides are folded by geodata_fold (migration 0005: case, accents,
        Cyrillic and Azerbaijani Latin to plain Latin); a name starting with the
        query scores 1, containing it 0.9, otherwise its pg_trgm word similarity
        (typos: "stepanakrt"). Adds `score` and `matched` (the name that scored
        best); keeps places scoring at least `threshold`.
        """
        query = Fold(Value((text or "").strip()))
        alternates = AlternateName.objects.filter(place=OuterRef("pk")).annotate(score=name_score("name", query))
        best = alternates.order_by("-score", "name")
        return (
            self.annotate(
                name_score=name_score("name", query),
                alternate_score=Subquery(best.values("score")[:1]),
                alternate_name=Subquery(best.values("name")[:1]),
            )
            .annotate(score=Greatest("name_score", Coalesce("alternate_score", Value(0.0))))
            .filter(score__gte=threshold)
            .annotate(
                matched=Case(
                    When(name_score__gte=Coalesce("alternate_score", Value(0.0)), then=F("name")),
                    default=F("alternate_name"),
                )
            )
            .order_by("-score", "name")
        )

    def best_matches(self, texts, threshold=SEARCH_THRESHOLD):
        """{text: (place name, score)}: the first result of ranked_search(text) for each of `texts`, in one query.

        The importer's suggestions for its new places: ranked_search folds every place's names again for each
        text (about 0.5 s a text over 5,000 places). This folds them once, and computes the word similarity
        only for the pairs that share a trigram or where the text is in the name: any other pair scores 0,
        below `threshold` (which must be above 0). The score is name_score's rule, here in SQL;
        tests/test_place_search.py checks that both give the same answers.
        """
        assert threshold > 0
        texts = [(text or "").strip() for text in texts]
        if not texts:
            return {}
        places, params = self.values("id", "name").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH places AS MATERIALIZED ({places}),
                names AS MATERIALIZED (
                    SELECT row_number() OVER () AS n, place_name, key FROM (
                        SELECT p.name AS place_name, geodata_fold(p.name) AS key FROM places p
                        UNION ALL
                        SELECT p.name, geodata_fold(a.name) FROM geodata_alternatename a JOIN places p ON p.id = a.place_id
                    ) folded
                ),
                q AS MATERIALIZED (SELECT text, geodata_fold(text) AS key FROM unnest(%s::text[]) AS text),
                pairs AS (
                    SELECT q.text, q.key AS q_key, n.n FROM q JOIN names n ON strpos(n.key, q.key) > 0
                    UNION
                    SELECT q.text, q.key, t.n
                    FROM (SELECT text, key, unnest(show_trgm(key)) AS trigram FROM q) q
                    JOIN (SELECT n, unnest(show_trgm(key)) AS trigram FROM names) t USING (trigram)
                ),
                scored AS (
                    SELECT p.text, n.place_name,
                           CASE WHEN strpos(n.key, p.q_key) = 1 THEN 1.0
                                WHEN strpos(n.key, p.q_key) > 0 THEN 0.9
                                ELSE word_similarity(p.q_key, n.key) END AS score
                    FROM pairs p JOIN names n USING (n)
                )
                SELECT DISTINCT ON (text) text, place_name, score FROM scored WHERE score >= %s
                ORDER BY text, score DESC, place_name
                """,
                [*params, texts, threshold],
            )
            return {text: (name, score) for text, name, score in cursor.fetchall()}


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


class Fold(Func):
    """geodata_fold(text): the search key of a name (migration 0005_status_from_claims)."""

    function = "geodata_fold"
    output_field = TextField()


def name_score(field, query):
    name = Fold(F(field))
    position = StrIndex(name, query)
    return Case(
        When(Exact(position, 1), then=Value(1.0)),
        When(GreaterThan(position, 0), then=Value(0.9)),
        default=Func(query, name, function="word_similarity", output_field=FloatField()),
        output_field=FloatField(),
    )


@tracked("PlaceHistory")
class Place(Versioned):
    name = models.CharField(
        _("canonical name"),
        max_length=200,
        help_text=_("The name most used in international English-language reporting."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    point = models.PointField(_("point"), srid=4326)
    area = models.MultiPolygonField(_("area"), srid=4326, null=True, blank=True)
    geometry_note = models.TextField(
        _("geometry note"), blank=True, help_text=_("Set automatically when an invalid area was repaired on save.")
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=True) | Q(area__isvalid=True),
                name="place_area_valid",
                violation_error_message=_("The area is not a valid polygon."),
            ),
        ]
        triggers = [bump_version_trigger(), *place_triggers("id")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The label in English (placenames.label): "Stepanakert (Khankendi)".

        The canonical name is the one most used in international English-language reporting;
        the names other parties use are shown beside it, so neither side's name is hidden.
        """
        return placenames.label(self, "en")

    @property
    def label(self):
        """The label in the language of the request (templates: the embed's text summary)."""
        return placenames.label(self, placenames.current_language())

    def repair_area(self):
        """Repair an invalid area with GEOS MakeValid and say what was repaired."""
        if self.area is None or self.area.valid:
            return
        reason = self.area.valid_reason
        repaired = self.area.make_valid()
        polygons = []
        for geom in [repaired] if repaired.geom_type != "GeometryCollection" else list(repaired):
            if geom.geom_type == "Polygon":
                polygons.append(geom)
            elif geom.geom_type == "MultiPolygon":
                polygons.extend(geom)
        if not polygons:
            raise ValidationError({"area": _("The area is invalid (%(reason)s) and cannot be repaired.") % {"reason": reason}})
        self.area = MultiPolygon(polygons, srid=4326)
        self.geometry_note = f"Area repaired automatically (MakeValid): it was invalid: {reason}."

    def clean(self):
        super().clean()
        try:
            validate_lonlat(self.point)
        except ValidationError as error:
            raise ValidationError({"point": error.messages}) from None
        self.repair_area()

    def save(self, *args, **kwargs):
        self.repair_area()
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # clean() has already repaired the area; Django cannot evaluate the GIS
        # IsValid lookup against an in-memory value, so the area check is left to
        # the database (the place_area_valid CHECK) as a backstop.
        super().validate_constraints(exclude={*(exclude or ()), "area"})


class AlternateName(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="alternate_names",
                              verbose_name=_("place"))
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=20, validators=[language_validator],
        help_text=_("The readers' language whose label the role is for: en, hy, az or ru (another code, such as "
                    "hy-Latn, for a name kept for search and the popup only)."),
    )
    used_by = models.CharField(
        _("used by"), max_length=200, blank=True, help_text=_("Who uses this name, e.g. 'Azerbaijani government'.")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=NameRole.choices, default=NameRole.OTHER,
        help_text=_("Its role in the label of its language: primary (shown first), bracket (the other "
                    "side's name, in brackets after it) or other (search and popup only). docs/place-names.md"),
    )

    class Meta:
        verbose_name = _("alternate name")
        verbose_name_plural = _("alternate names")
        ordering = ["place", "language", "role", "name"]
        triggers = place_triggers("place_id")
        constraints = [
            models.UniqueConstraint(fields=["place", "name", "language"], name="alternate_name_unique"),
            models.UniqueConstraint(
                fields=["place", "language"], condition=Q(role=NameRole.PRIMARY), name="alternate_name_one_primary",
                violation_error_message=_("A place has at most one primary name per language."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"
