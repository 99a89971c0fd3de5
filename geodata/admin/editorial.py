"""Admin side of the editorial workflow: states, review actions, history and revert views.

Mixed into the ModelAdmins in geodata/admin/models.py. The model methods in
geodata/editorial/workflow.py enforce the transitions themselves; the forms
(locking, correction notes) are in geodata/admin/forms.py.

- Actions: every row on the changelist carries the version shown to the user;
  an action refuses to run (and changes nothing) if any selected row changed
  since the page was loaded, or if a selected row was not on the page
  (select-all across pages): act page by page, on what you have seen.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..editorial import StaleRecord
from ..editorial.diffs import changes_between, snapshot_values, who
from ..editorial.states import is_reviewer
from ..models import Correction
from .forms import LOCKED_STATES, WORKFLOW_READONLY, ActionForm, EditorialForm, RevertForm, revert, stale_message


class VersionedAdminMixin:
    """For a ModelAdmin of a Versioned model: locking in the change form, history with diffs, revert."""

    form = EditorialForm
    history_template = "admin/geodata/history.html"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form's version check locks what it checks; a save it did not check (a form submitted
        # unchanged, an inline row) can still lose a race against another write, and the model refuses
        # it (StaleRecord). The admin's transaction has then written nothing: say so, in the editor's
        # language, on the record's current page, rather than fail with a server error.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecord as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(request.get_full_path())

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        flat = {f for fs in fieldsets for line in fs[1]["fields"] for f in (line if isinstance(line, tuple) else [line])}
        if "version" in flat:
            return fieldsets
        return [*fieldsets, (None, {"fields": ["version"]})]

    # --- history with diffs, and revert ---------------------------------------------------
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:pgh_id>/revert/",
                self.admin_site.admin_view(self.revert_view),
                name=f"{opts.app_label}_{opts.model_name}_revert",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        events = list(
            obj.history_events.select_related("pgh_context").order_by("pgh_id")
        )
        rows, previous = [], None
        for event in events:
            values = snapshot_values(event)
            rows.append({
                "event": event,
                "who": who(event),
                "changes": changes_between(self.model, previous, values) if previous is not None else [],
                "revert_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_revert", args=[obj.pk, event.pgh_id]
                ),
                "is_current": event.version == obj.version,
            })
            previous = values
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(record)s") % {"record": obj},
            "object": obj,
            "opts": self.opts,
            "rows": list(reversed(rows)),
            "can_change": self.has_change_permission(request, obj),
            "preserved_filters": self.get_preserved_filters(request),
        }
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id, pgh_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        target = get_object_or_404(obj.history_events, pgh_id=pgh_id)
        changes = changes_between(self.model, snapshot_values(obj), snapshot_values(target))
        form = RevertForm(request.POST or None, initial={"version": obj.version}, record=obj, request=request)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                try:
                    revert(obj, target, request.user, form.cleaned_data["version"],
                           form.cleaned_data.get("correction_note"))
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("Reverted to version %(version)s; saved as a new version.") % {"version": target.version})
                    return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                                            args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revert %(record)s to version %(version)s?") % {"record": obj, "version": target.version},
            "object": obj,
            "opts": self.opts,
            "target": target,
            "changes": changes,
            "form": form,
        }
        return TemplateResponse(request, "admin/geodata/revert.html", context)




REVIEWER_ACTIONS = ("publish", "send_back", "withdraw")


class EditorialAdminMixin(VersionedAdminMixin):
    """For a ModelAdmin of an EditorialRecord model: adds states, review actions and corrections."""

    action_form = ActionForm
    actions = ["submit_for_review", "publish", "send_back", "withdraw"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *WORKFLOW_READONLY]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [fs for fs in super().get_fieldsets(request, obj) if fs[1]["fields"] != ["version"]]
        workflow = ["state", "version"]
        if obj is not None:
            workflow += [("created_by", "created_at"), ("submitted_by", "submitted_at"),
                         ("reviewed_by", "reviewed_at"), "updated_by"]
            if obj.review_comment:
                workflow.append("review_comment")
            if obj.state in LOCKED_STATES:
                workflow.append("correction_note")
        # A field may only appear once: drop these from the model's own fieldsets.
        flat = {f for fs in fieldsets for line in fs[1]["fields"] for f in (line if isinstance(line, tuple) else [line])}
        workflow = [f for f in workflow if (f if isinstance(f, str) else f[0]) not in flat]
        return [(gettext_lazy("Editorial workflow"), {"fields": workflow}), *fieldsets]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "state"]

    def get_list_filter(self, request):
        return ["state", *super().get_list_filter(request)]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not change or form.content_changed():
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("correction_note")
        if change and note and note.strip() and form.content_changed():
            Correction.log(obj, note, request.user)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            instance = inline_form.instance
            if not getattr(inline_form, "cleaned_data", None) or not isinstance(inline_form, EditorialForm):
                continue
            if instance.pk is None:
                instance.created_by = request.user
            if inline_form.content_changed():
                instance.updated_by = request.user
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            note = getattr(inline_form, "cleaned_data", {}).get("correction_note")
            if note and note.strip() and inline_form.instance.pk and inline_form.content_changed():
                Correction.log(inline_form.instance, note, request.user)

    def has_delete_permission(self, request, obj=None):
        # Public records are withdrawn, never deleted (the corrections log must stay true).
        if obj is not None and obj.state in LOCKED_STATES:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk delete would bypass the rule above
        if not is_reviewer(request.user):  # editors are not shown what only reviewers may do
            for name in REVIEWER_ACTIONS:
                actions.pop(name, None)
        return actions

    # --- changelist: remember the version each row had when shown ----------------------
    def action_checkbox(self, obj):
        return format_html(
            '{}<input type="hidden" name="_seen_version_{}" value="{}">',
            super().action_checkbox(obj), obj.pk, obj.version,
        )

    def _transition(self, request, queryset, method, done, **kwargs):
        model = self.model
        pks = list(queryset.values_list("pk", flat=True))
        with transaction.atomic():
            rows = list(model._base_manager.filter(pk__in=pks).select_for_update(of=("self",)).order_by("pk"))
            stale = []
            for row in rows:
                seen = request.POST.get(f"_seen_version_{row.pk}", "")
                if not seen.isdigit():
                    stale.append(_("%(record)s (not on this page)") % {"record": row})
                elif int(seen) != row.version:
                    stale.append(stale_message(row, int(seen)))
            if stale:
                self.message_user(
                    request,
                    _("Nothing was changed: some records changed since you loaded the list, or were not shown "
                      "on it. Reload and try again. %(records)s") % {"records": " | ".join(stale)},
                    messages.ERROR,
                )
                return
            errors = []
            for row in rows:
                try:
                    getattr(row, method)(request.user, **kwargs)
                except (ValidationError, PermissionDenied) as error:
                    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                    errors.append(f"{row}: {text}")
            if errors:
                transaction.set_rollback(True)
                self.message_user(request, _("Nothing was changed. %(errors)s") % {"errors": " | ".join(errors)},
                                  messages.ERROR)
                return
        self.message_user(request, done % {"count": len(rows), "records": capfirst(model._meta.verbose_name_plural)},
                          messages.SUCCESS)

    # `done` names the records by their plural and gives the count apart, so that no language has to
    # agree a number with a noun it does not know in advance.
    @admin.action(description=gettext_lazy("Submit selected for review"))
    def submit_for_review(self, request, queryset):
        self._transition(request, queryset, "submit", _("%(records)s submitted for review: %(count)d."))

    @admin.action(description=gettext_lazy("Publish selected (reviewers)"))
    def publish(self, request, queryset):
        self._transition(request, queryset, "publish", _("%(records)s published: %(count)d."))

    @admin.action(description=gettext_lazy("Send selected back to draft with the comment (reviewers)"))
    def send_back(self, request, queryset):
        self._transition(request, queryset, "send_back", _("%(records)s sent back to draft: %(count)d."),
                         comment=request.POST.get("note", ""))

    @admin.action(description=gettext_lazy("Withdraw selected with the public note (reviewers)"))
    def withdraw(self, request, queryset):
        self._transition(request, queryset, "withdraw", _("%(records)s withdrawn: %(count)d."),
                         note=request.POST.get("note", ""))


class EditorialInlineMixin:
    """For an inline of an EditorialRecord model (claims): locking, correction note, state shown."""

    form = EditorialForm

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"request": request})
        return formset

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "state"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [(None, {"fields": [("state", "version"), "correction_note"]}), *fieldsets]
