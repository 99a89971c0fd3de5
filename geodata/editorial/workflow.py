"""The editorial workflow shared by Event, ControlChange and Claim.

Workflow: draft -> in review -> published -> withdrawn, with "send back" from
review to draft. The transitions live here as model methods so that the admin,
scripts and tests all go through the same rules. Locking is in locking.py.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .locking import Versioned
from .states import State, is_reviewer


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published records only (never draft, in review or withdrawn)."""
        return self.filter(state=State.PUBLISHED)

    def in_state(self, state):
        return self.filter(state=state)


class EditorialRecord(Versioned):
    # A row inserted outside the ORM is a draft unless it says otherwise: never public by accident.
    state = models.CharField(
        gettext_lazy("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_default=State.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=gettext_lazy("created by"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now, db_default=Now(), editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=gettext_lazy("last edited by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=gettext_lazy("submitted by"),
    )
    submitted_at = models.DateTimeField(gettext_lazy("submitted at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=gettext_lazy("reviewed by"),
    )
    reviewed_at = models.DateTimeField(gettext_lazy("reviewed at"), null=True, blank=True, editable=False)
    review_comment = models.TextField(
        gettext_lazy("review comment"), blank=True, editable=False, default="", db_default="",
        help_text=gettext_lazy("The reviewer's comment when the record was sent back (internal)."),
    )

    class Meta:
        abstract = True

    @property
    def corrected_at(self):
        """When the record (or, for events and control changes, one of its claims) was last corrected.

        `.with_corrected_at()` annotates it for a whole list in one query; otherwise one query here.
        """
        if "_corrected_at" not in self.__dict__:
            qs = type(self).objects.filter(pk=self.pk).with_corrected_at()
            self._corrected_at = qs.values_list("corrected_at", flat=True).first()
        return self._corrected_at

    @corrected_at.setter
    def corrected_at(self, value):  # the queryset annotation sets it
        self._corrected_at = value

    @property
    def is_public(self):
        return self.state == State.PUBLISHED

    def is_own_work(self, user):
        return user.pk is not None and user.pk in (self.created_by_id, self.submitted_by_id, self.updated_by_id)

    def _claims_in(self, state):
        claims = getattr(self, "claims", None)  # events and control changes have claims; claims do not
        return list(claims.filter(state=state).order_by("pk")) if claims is not None else []

    # --- transitions: each checks the state it starts from and who may do it ----------
    def _require(self, *states):
        if self.state not in states:
            allowed = " / ".join(str(State(s).label) for s in states)
            raise ValidationError(
                _("This %(record)s is %(state)s; it must be %(allowed)s.")
                % {"record": self._meta.verbose_name, "state": self.get_state_display(), "allowed": allowed}
            )

    def submit(self, user):
        self._require(State.DRAFT)
        self.state = State.IN_REVIEW
        self.submitted_by, self.submitted_at = user, timezone.now()
        self.save()
        for claim in self._claims_in(State.DRAFT):  # an event is submitted with its claims
            claim.submit(user)

    def publish(self, user):
        self._require(State.IN_REVIEW)
        if not is_reviewer(user):
            raise PermissionDenied(_("Only reviewers can publish."))
        if self.is_own_work(user) and not settings.ALLOW_SELF_PUBLISH:
            raise PermissionDenied(
                _("You created, submitted or last edited this record: another reviewer must publish it.")
            )
        self.state = State.PUBLISHED
        self.reviewed_by, self.reviewed_at, self.review_comment = user, timezone.now(), ""
        self.save()
        for claim in self._claims_in(State.IN_REVIEW):  # ... and published with them (same rules)
            claim.publish(user)

    def send_back(self, user, comment):
        self._require(State.IN_REVIEW)
        if not is_reviewer(user):
            raise PermissionDenied(_("Only reviewers can send a record back."))
        if not (comment or "").strip():
            raise ValidationError(_("Say what needs to change: a comment is required to send a record back."))
        self.state = State.DRAFT
        self.reviewed_by, self.reviewed_at, self.review_comment = user, timezone.now(), comment.strip()
        self.save()

    def withdraw(self, user, note):
        """Take a published record off every public page; the public note goes to the corrections log."""
        self._require(State.PUBLISHED)
        if not is_reviewer(user):
            raise PermissionDenied(_("Only reviewers can withdraw a published record."))
        if not (note or "").strip():
            raise ValidationError(_("A public note is required to withdraw a published record."))
        with transaction.atomic():
            self.state = State.WITHDRAWN
            self.reviewed_by, self.reviewed_at = user, timezone.now()
            self.save()
            # Reached through the relation: the editorial package never imports the models.
            log = self.corrections.model
            log.log(self, note, user, kind=log.Kind.WITHDRAWN)
