"""The conflict data model.

Every fact about a war is somebody's claim: control changes and events carry
Claims (who says so, where it was reported, asserting or denying). What must
never be stored is refused by the database itself (check constraints and the
control-change trigger in the migrations), and the same rules run in model
validation so editors get a form error instead of a crash.
"""

from django.contrib.gis.db import models
from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db.models import Q

from .choices import (
    SUB_EVENT_TYPE_CHOICES,
    SUB_EVENT_TYPES,
    ControlStatus,
    DatePrecision,
    EventType,
    FigureQualifier,
    GeoPrecision,
    PartyKind,
    PlaceKind,
    Stance,
)
from .editorial import EditorialRecord, State, Versioned
from .querysets import ClaimQuerySet, ControlChangeQuerySet, EventQuerySet, PlaceQuerySet



def validate_lonlat(point):
    """Coordinates out of range are refused here and by a CHECK in migration 0002."""
    if point is None:
        return
    x, y = point.x, point.y
    if not (-180 <= x <= 180 and -90 <= y <= 90):  # also false for NaN
        raise ValidationError(f"Coordinates out of range: longitude {x}, latitude {y} "
                              "(longitude -180..180, latitude -90..90).")

color_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb, e.g. #1f77b4.")
language_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "Enter a language code such as en, az, hy or hy-Latn."
)
http_url_validator = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// URL.")


class Party(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=PartyKind.choices)
    color = models.CharField(
        "map colour", max_length=7, validators=[color_validator], help_text="#rrggbb"
    )

    class Meta:
        verbose_name_plural = "parties"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"),
                name="party_color_hex",
                violation_error_message="Enter a colour as #rrggbb.",
            ),
        ]

    def __str__(self):
        return self.name


class Conflict(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    extent = models.PolygonField(
        srid=4326, null=True, blank=True, help_text="Default map extent (a rectangle is enough)."
    )
    parties = models.ManyToManyField(Party, related_name="conflicts", blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="conflict_end_after_start",
                violation_error_message="The end date must not be before the start date.",
            ),
        ]

    def __str__(self):
        return self.name


class Place(Versioned):
    name = models.CharField(
        "canonical name",
        max_length=200,
        help_text="The name most used in international English-language reporting.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    point = models.PointField(srid=4326)
    area = models.MultiPolygonField(srid=4326, null=True, blank=True)
    geometry_note = models.TextField(
        blank=True, help_text="Set automatically when an invalid area was repaired on save."
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=True) | Q(area__isvalid=True),
                name="place_area_valid",
                violation_error_message="The area is not a valid polygon.",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """Neutral display policy: canonical name, then the names flagged for the label.

        "Stepanakert (Khankendi)": the canonical name is the one most used in
        international English-language reporting; names other parties use are
        shown beside it, so neither side's name is hidden.
        """
        extra = [alt.name for alt in self.alternate_names.all() if alt.in_label]
        return f"{self.name} ({' / '.join(extra)})" if extra else self.name

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
            raise ValidationError({"area": f"The area is invalid ({reason}) and cannot be repaired."})
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
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="alternate_names")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=20, validators=[language_validator], help_text="e.g. en, az, hy")
    used_by = models.CharField(
        max_length=200, blank=True, help_text="Who uses this name, e.g. 'Azerbaijani government'."
    )
    in_label = models.BooleanField(
        default=False, help_text="Show this name in brackets after the canonical name."
    )

    class Meta:
        ordering = ["place", "-in_label", "language", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name", "language"], name="alternate_name_unique"),
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class Source(models.Model):
    outlet = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, validators=[http_url_validator])
    published_on = models.DateField()

    class Meta:
        ordering = ["-published_on", "outlet"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__regex=r"^[Hh][Tt][Tt][Pp][Ss]?://"),
                name="source_url_http",
                violation_error_message="Enter an http:// or https:// URL.",
            ),
        ]

    def __str__(self):
        return f"{self.outlet}, {self.published_on:%Y-%m-%d}: {self.title}"


class ControlChange(EditorialRecord):
    """From `date` on, `party` controls `place` (until the next change)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="control_changes")
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="control_changes")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="control_changes")
    date = models.DateField()
    date_precision = models.PositiveSmallIntegerField(
        choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status = models.CharField(max_length=12, choices=ControlStatus.choices, default=ControlStatus.CLAIMED)
    note = models.TextField(blank=True)

    objects = ControlChangeQuerySet.as_manager()

    class Meta:
        ordering = ["place", "date", "id"]
        indexes = [models.Index(fields=["place", "conflict", "date"], name="controlchange_place_date")]

    def __str__(self):
        return f"{self.place.name}: {self.party.short_name} from {self.date:%Y-%m-%d}"

    def neighbours(self):
        """The effective changes just before and just after this one in the place's timeline."""
        others = ControlChange.objects.effective().filter(place_id=self.place_id, conflict_id=self.conflict_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        earlier = others.filter(date__lte=self.date) if self.pk is None else others.filter(
            Q(date__lt=self.date) | Q(date=self.date, id__lt=self.pk)
        )
        later = others.filter(date__gt=self.date) if self.pk is None else others.filter(
            Q(date__gt=self.date) | Q(date=self.date, id__gt=self.pk)
        )
        return earlier.order_by("-date", "-id").first(), later.order_by("date", "id").first()

    def clean(self):
        super().clean()
        if not (self.place_id and self.conflict_id and self.party_id and self.date):
            return
        if self.status == ControlStatus.RETRACTED or self.state == State.WITHDRAWN:
            return
        before, after = self.neighbours()
        if before is not None and before.party_id == self.party_id:
            raise ValidationError(
                f"{self.party} already controls {self.place.name} on {self.date:%Y-%m-%d} "
                f"(since {before.date:%Y-%m-%d}). Record a change only when control changes hands."
            )
        if after is not None and after.party_id == self.party_id:
            raise ValidationError(
                f"The next recorded change ({after.date:%Y-%m-%d}) already gives {self.place.name} "
                f"to {self.party}; change that record instead of adding this one."
            )

    @property
    def is_effective(self):
        return self.status != ControlStatus.RETRACTED and self.state != State.WITHDRAWN


class Event(EditorialRecord):
    """An attack or incident report, ACLED-compatible."""

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="events")
    external_id = models.CharField(
        max_length=60, blank=True, help_text="Stable identifier, e.g. an ACLED event_id_cnty."
    )
    event_type = models.CharField(max_length=40, choices=EventType.choices, editable=False)
    sub_event_type = models.CharField(max_length=60, choices=SUB_EVENT_TYPE_CHOICES)
    date = models.DateField()
    time_precision = models.PositiveSmallIntegerField(choices=DatePrecision.choices, default=DatePrecision.DAY)
    point = models.PointField(srid=4326)
    geo_precision = models.PositiveSmallIntegerField(choices=GeoPrecision.choices, default=GeoPrecision.TOWN)
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    perpetrator = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="events_as_perpetrator"
    )
    target = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="events_as_target"
    )
    civilian_targeting = models.BooleanField(default=False)
    description = models.TextField(help_text="Plain text.")
    confirmed = models.BooleanField(
        default=False, help_text="An editor has confirmed the event independently of the claims."
    )
    confirmation_note = models.TextField(blank=True, help_text="Required when confirmed: how it was confirmed.")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["conflict", "date"], name="event_conflict_date"),
            # The public API's query: published events of a conflict in a date range,
            # newest first, within a bbox. Partial (published only) and covering the
            # point, so the page's count is an index-only scan (see README "Benchmarks").
            models.Index(
                fields=["conflict", "date"], include=["point"], condition=Q(state=State.PUBLISHED),
                name="event_published_conflict_date",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed=False) | ~Q(confirmation_note=""),
                name="event_confirmation_has_note",
                violation_error_message="Say how the event was confirmed.",
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(sub_event_type=sub, event_type=parent)
                        for sub, parent in SUB_EVENT_TYPES.items()
                    ],
                    _connector=Q.OR,
                ),
                name="event_sub_type_matches_type",
                violation_error_message="That sub-event type does not belong to that event type.",
            ),
            models.UniqueConstraint(
                fields=["conflict", "external_id"],
                condition=~Q(external_id=""),
                name="event_external_id_unique",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.sub_event_type}: {self.description[:60]}"

    def save(self, *args, **kwargs):
        self.event_type = SUB_EVENT_TYPES.get(self.sub_event_type, self.event_type)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.event_type = SUB_EVENT_TYPES.get(self.sub_event_type, "")
        try:
            validate_lonlat(self.point)
        except ValidationError as error:
            raise ValidationError({"point": error.messages}) from None
        if self.confirmed and not self.confirmation_note.strip():
            raise ValidationError({"confirmation_note": "Say how the event was confirmed."})

    @property
    def verification_status(self):
        annotated = getattr(self, "verification", None)
        if annotated is not None:
            return annotated
        return Event.objects.with_verification().get(pk=self.pk).verification

    def conservative_figures(self):
        return self.claims.conservative_figures()


class Claim(EditorialRecord):
    """Somebody's statement about an event or a control change, as reported by a source."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="claims")
    control_change = models.ForeignKey(
        ControlChange, on_delete=models.CASCADE, null=True, blank=True, related_name="claims"
    )
    claimant_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    claimant_name = models.CharField(max_length=200, blank=True, help_text="A named official, e.g. 'Ilham Aliyev'.")
    claimant_role = models.CharField(max_length=200, blank=True, help_text="e.g. 'President of Azerbaijan'.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.ASSERTS)
    claimed_on = models.DateField(null=True, blank=True, help_text="When the claim was made, if known.")
    summary = models.TextField(help_text="What is claimed, in the editor's own words.")
    killed_civilians = models.PositiveIntegerField(null=True, blank=True)
    killed_combatants = models.PositiveIntegerField(null=True, blank=True)
    wounded_civilians = models.PositiveIntegerField(null=True, blank=True)
    wounded_combatants = models.PositiveIntegerField(null=True, blank=True)
    figure_qualifier = models.CharField(max_length=10, choices=FigureQualifier.choices, default=FigureQualifier.EXACT)
    casualties_of = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose casualties the figures count, when the claim says.",
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "stance"], name="claim_event_stance")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(control_change__isnull=True))
                | (Q(event__isnull=True) & Q(control_change__isnull=False)),
                name="claim_attached_to_one_record",
                violation_error_message="A claim belongs to exactly one event or control change.",
            ),
            models.CheckConstraint(
                condition=Q(claimant_party__isnull=False) | ~Q(claimant_name=""),
                name="claim_has_claimant",
                violation_error_message="Say who makes the claim: a party, a named person, or both.",
            ),
        ]

    def __str__(self):
        return f"{self.claimant} {self.get_stance_display().lower()}: {self.summary[:60]}"

    @property
    def claimant(self):
        person = ", ".join(part for part in (self.claimant_name, self.claimant_role) if part)
        # "Ilham Aliyev, President of Azerbaijan", not "... of Azerbaijan (Azerbaijan)".
        if self.claimant_party and person and self.claimant_party.short_name not in person:
            return f"{person} ({self.claimant_party.short_name})"
        return person or str(self.claimant_party)

    @property
    def figures(self):
        return {
            name: getattr(self, name)
            for name in ClaimQuerySet.FIGURES
            if getattr(self, name) is not None
        }


# Kept in their own modules to keep this file short; imported here so Django sees them.
from .corrections import Correction  # noqa: E402,F401
from . import history  # noqa: E402,F401  (pghistory trackers and version triggers)
