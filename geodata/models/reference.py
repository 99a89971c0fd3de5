"""Reference data: parties, conflicts and the sources claims are reported in."""

from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import PartyKind
from .dataversion import conflict_triggers, party_triggers, source_triggers
from .validators import color_validator, http_url_validator


class Party(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PartyKind.choices)
    color = models.CharField(
        _("map colour"), max_length=7, validators=[color_validator], help_text=_("#rrggbb, e.g. #1f77b4")
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        triggers = party_triggers()
        constraints = [
            models.CheckConstraint(
                condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"),
                name="party_color_hex",
                violation_error_message=_("Enter a colour as #rrggbb."),
            ),
        ]

    def __str__(self):
        return self.name


class Conflict(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    extent = models.PolygonField(
        _("map extent"), srid=4326, null=True, blank=True, help_text=_("Default map extent (a rectangle is enough).")
    )
    parties = models.ManyToManyField(Party, related_name="conflicts", blank=True, verbose_name=_("parties"))

    class Meta:
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")
        ordering = ["-start_date", "name"]
        triggers = conflict_triggers()
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="conflict_end_after_start",
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self):
        return self.name



class Source(models.Model):
    outlet = models.CharField(_("outlet"), max_length=200)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=1000, validators=[http_url_validator])
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "outlet"]
        triggers = source_triggers()
        constraints = [
            models.CheckConstraint(
                condition=Q(url__regex=r"^[Hh][Tt][Tt][Pp][Ss]?://"),
                name="source_url_http",
                violation_error_message=_("Enter an http:// or https:// URL."),
            ),
        ]

    def __str__(self):
        return f"{self.outlet}, {self.published_on:%Y-%m-%d}: {self.title}"
