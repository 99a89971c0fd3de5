"""The admin's editorial forms: optimistic locking, correction notes, revert.

A change form carries the `version` the editor loaded. On save the row is
locked (SELECT ... FOR UPDATE inside the admin's transaction) and a different
version is a form error that lists what changed meanwhile and who changed it;
nothing is written. Changing a published or withdrawn record needs the
Reviewers group and a public correction note, which goes to the corrections log.
"""

from django import forms
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..editorial.diffs import changes_between, snapshot_at, snapshot_values, who
from ..editorial.states import State, is_reviewer
from ..models import Correction

WORKFLOW_READONLY = [
    "state", "created_by", "created_at", "updated_by", "submitted_by", "submitted_at",
    "reviewed_by", "reviewed_at", "review_comment",
]
LOCKED_STATES = (State.PUBLISHED, State.WITHDRAWN)
IGNORED_FOR_CHANGES = {"version", "correction_note"}


class EditorialForm(forms.ModelForm):
    """Base form: optimistic locking and the correction note. `request` is set by the admin."""

    request = None
    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Public correction note"),
        help_text=gettext_lazy("Required to change a published record: what was corrected and why. "
                               "Shown on the public corrections page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].widget = forms.HiddenInput()
            self.fields["version"].required = self.instance.pk is not None

    def content_changed(self):
        return [name for name in self.changed_data if name not in IGNORED_FOR_CHANGES]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None:
            return cleaned
        deleting = bool(cleaned.get("DELETE"))
        if not self.content_changed() and not deleting:
            return cleaned  # an untouched inline row: nothing will be written
        self._check_version(cleaned.get("version"))
        if getattr(instance, "state", None) in LOCKED_STATES:
            if deleting:
                raise ValidationError(
                    _("This %(record)s is %(state)s: withdraw it (a reviewer's action, with a public note) instead "
                      "of deleting it.") % {"record": instance._meta.verbose_name, "state": instance.get_state_display()}
                )
            user = getattr(self.request, "user", None)
            if not is_reviewer(user):
                raise ValidationError(
                    _("This %(record)s is %(state)s: only a reviewer can change it.")
                    % {"record": instance._meta.verbose_name, "state": instance.get_state_display()}
                )
            if not (cleaned.get("correction_note") or "").strip():
                self.add_error(
                    "correction_note",
                    _("This record is public: say what you corrected and why (the note is published)."),
                )
        return cleaned

    def _check_version(self, seen):
        model = type(self.instance)
        if seen is None:
            raise ValidationError(_("The form did not say which version you edited; reload the page."))
        qs = model._base_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            qs = qs.select_for_update(of=("self",))  # held until the admin's transaction ends
        current = qs.first()
        if current is None:
            raise ValidationError(_("Someone deleted this record while you were editing it."))
        if current.version != seen:
            raise ValidationError(stale_message(current, seen))


def stale_message(current, seen):
    """'Changed by X since you opened it: field: old -> new; ...' built from the history."""
    old = snapshot_at(current, seen)
    latest = snapshot_at(current, current.version)
    changes = changes_between(type(current), snapshot_values(old), snapshot_values(current)) if old is not None else []
    author = who(latest) if latest is not None else None
    summary = "; ".join(f"{label}: “{before}” → “{after}”" for label, before, after in changes) or _("see History")
    values = {"record": current._meta.verbose_name, "author": author, "seen": seen, "now": current.version,
              "summary": summary}
    if author:
        return _("Not saved: this %(record)s was changed by %(author)s since you opened it (your version %(seen)s, "
                 "now %(now)s). Changed meanwhile: %(summary)s. Reload the page and apply your change again.") % values
    return _("Not saved: this %(record)s was changed since you opened it (your version %(seen)s, now %(now)s). "
             "Changed meanwhile: %(summary)s. Reload the page and apply your change again.") % values


class ActionForm(helpers.ActionForm):
    note = forms.CharField(
        required=False,
        label=gettext_lazy("Comment / public note:"),
        help_text=gettext_lazy("Send back: a comment for the editor. Withdraw: a public note."),
    )


class RevertForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    correction_note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                      label=gettext_lazy("Public correction note"))

    def __init__(self, *args, record, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.record, self.request = record, request

    def clean(self):
        cleaned = super().clean()
        if self.record.state in LOCKED_STATES:
            if not is_reviewer(self.request.user):
                raise ValidationError(_("Only a reviewer can change a published or withdrawn record."))
            if not (cleaned.get("correction_note") or "").strip():
                self.add_error("correction_note", _("This record is public: a correction note is required."))
        return cleaned


# Content only: reverting never moves a record through the workflow or rewrites who did what.
NOT_REVERTED = {"id", "version", *WORKFLOW_READONLY}


def revert(record, snapshot, user, seen_version, note=None):
    """Write the snapshot's content back as a new version (history keeps both)."""
    model = type(record)
    current = model._base_manager.select_for_update(of=("self",)).get(pk=record.pk)
    if current.version != seen_version:
        raise ValidationError(stale_message(current, seen_version))
    for field in model._meta.concrete_fields:
        if field.name not in NOT_REVERTED:
            setattr(current, field.attname, getattr(snapshot, field.attname))
    if hasattr(current, "updated_by"):
        current.updated_by = user
    current.full_clean(validate_unique=True, validate_constraints=True)
    current.save()
    if note and note.strip() and getattr(current, "state", None) in LOCKED_STATES:
        Correction.log(current, note, user)
    return current
