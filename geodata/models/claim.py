"""Claims: who says what about an event or a control change, reported where."""

from django.contrib.gis.db import models
from django.db.models import F, Min, Q
from django.utils.translation import gettext_lazy as _

from ..choices import FigureQualifier, Stance
from ..editorial import EditorialRecord, PublishableQuerySet, State, bump_version_trigger
from ..editorial.history import tracked
from .control import ControlChange
from .correction import Correction
from .dataversion import claim_triggers
from .event import Event
from .reference import Party, Source

PUBLISHED = State.PUBLISHED


class ClaimQuerySet(PublishableQuerySet):
    FIGURES = ("killed_civilians", "killed_combatants", "wounded_civilians", "wounded_combatants")

    def published(self):
        """Published claims whose event or control change is published too."""
        return self.filter(state=PUBLISHED).filter(
            Q(event__state=PUBLISHED) | Q(control_change__state=PUBLISHED) | Q(territory_version__state=PUBLISHED)
        )

    def with_corrected_at(self):
        return self.annotate(corrected_at=Correction.objects.public().latest_date_for("claim"))

    def conservative_figures(self):
        """ACLED-style conservative figures: per victim group, the lowest figure any asserting claim gives.

        Figures are never summed across claims (two claimants reporting the same
        dead would be double-counted). Returns one row per `casualties_of` party
        (None when the claim does not say whose casualties), each with the lowest
        asserted figure per category; a category nobody gave a figure for is None.
        """
        rows = (
            self.filter(stance=Stance.ASSERTS)
            .values("casualties_of")
            .annotate(**{f"lowest_{name}": Min(F(name)) for name in self.FIGURES})
            .order_by("casualties_of")
        )
        result = []
        for row in rows:
            figures = {name: row[f"lowest_{name}"] for name in self.FIGURES}
            if any(value is not None for value in figures.values()):
                result.append({"casualties_of": row["casualties_of"], **figures})
        return result

@tracked("ClaimHistory")
class Claim(EditorialRecord):
    """Somebody's statement about an event or a control change, as reported by a source."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="claims",
                              verbose_name=_("event"))
    control_change = models.ForeignKey(
        ControlChange, on_delete=models.CASCADE, null=True, blank=True, related_name="claims",
        verbose_name=_("control change"),
    )
    territory_version = models.ForeignKey(
        "geodata.TerritoryVersion", on_delete=models.CASCADE, null=True, blank=True, related_name="claims",
        verbose_name=_("territory version"),
    )
    claimant_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="claims", verbose_name=_("claimant party")
    )
    claimant_name = models.CharField(
        _("claimant name"), max_length=200, blank=True, help_text=_("A named official, e.g. 'Ilham Aliyev'.")
    )
    claimant_role = models.CharField(
        _("claimant role"), max_length=200, blank=True, help_text=_("e.g. 'President of Azerbaijan'.")
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims", verbose_name=_("source"))
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, default=Stance.ASSERTS)
    claimed_on = models.DateField(
        _("claimed on"), null=True, blank=True, help_text=_("When the claim was made, if known.")
    )
    summary = models.TextField(_("summary"), help_text=_("What is claimed, in the editor's own words."))
    killed_civilians = models.PositiveIntegerField(_("civilians killed"), null=True, blank=True)
    killed_combatants = models.PositiveIntegerField(_("combatants killed"), null=True, blank=True)
    wounded_civilians = models.PositiveIntegerField(_("civilians wounded"), null=True, blank=True)
    wounded_combatants = models.PositiveIntegerField(_("combatants wounded"), null=True, blank=True)
    figure_qualifier = models.CharField(
        _("figure qualifier"), max_length=10, choices=FigureQualifier.choices, default=FigureQualifier.EXACT
    )
    casualties_of = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("casualties of"),
        help_text=_("Whose casualties the figures count, when the claim says."),
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["id"]
        indexes = [models.Index(fields=["event", "stance"], name="claim_event_stance")]
        triggers = [bump_version_trigger(), *claim_triggers()]
        constraints = [
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(control_change__isnull=True) & Q(territory_version__isnull=True))
                | (Q(event__isnull=True) & Q(control_change__isnull=False) & Q(territory_version__isnull=True))
                | (Q(event__isnull=True) & Q(control_change__isnull=True) & Q(territory_version__isnull=False)),
                name="claim_attached_to_one_record",
                violation_error_message=_("A claim belongs to exactly one event or control change, or to one territory version."),
            ),
            models.CheckConstraint(
                condition=Q(claimant_party__isnull=False) | ~Q(claimant_name=""),
                name="claim_has_claimant",
                violation_error_message=_("Say who makes the claim: a party, a named person, or both."),
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
