"""Upload an ACLED file in the admin: a job the task worker imports, with a progress bar and a cancel button."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..editorial.states import is_reviewer
from ..importers.jobs import run_import_job
from ..models import Conflict, ImportJob

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"),
                           help_text=gettext_lazy("An ACLED CSV export (UTF-8), at most 50 MB."))
    conflict = forms.SlugField(label=gettext_lazy("Conflict"),
                               help_text=gettext_lazy("Slug of the conflict to import into."))
    create_conflict = forms.BooleanField(required=False, label=gettext_lazy("Create conflict"),
                                         help_text=gettext_lazy("Create the conflict if it does not exist yet."))
    dry_run = forms.BooleanField(required=False, label=gettext_lazy("Dry run"),
                                 help_text=gettext_lazy("Check and count everything; write nothing."))
    publish = forms.BooleanField(required=False, label=gettext_lazy("Publish"),
                                 help_text=gettext_lazy("Reviewers only: publish instead of sending to review."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not is_reviewer(user):
            del self.fields["publish"]  # editors never publish: not even the option

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file (an ACLED export)."))
        return upload

    def clean(self):
        data = super().clean()
        slug = data.get("conflict")
        if slug and not data.get("create_conflict") and not Conflict.objects.filter(slug=slug).exists():
            self.add_error("conflict", _("No conflict with that slug (tick 'create conflict' to create it)."))
        return data


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "conflict_slug", "status", "user", "created_at", "finished_at"]
    list_filter = ["status"]
    exclude = ["content"]

    def get_urls(self):
        own = [
            path("<int:pk>/status/", self.admin_site.admin_view(self.status_view), name="geodata_importjob_status"),
            path("<int:pk>/cancel/", self.admin_site.admin_view(self.cancel_view), name="geodata_importjob_cancel"),
        ]
        return own + super().get_urls()

    def has_delete_permission(self, request, obj=None):
        return False  # the jobs are the record of who imported what

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                job = ImportJob.objects.create(
                    conflict_slug=data["conflict"], create_conflict=data["create_conflict"],
                    dry_run=data["dry_run"], publish=bool(data.get("publish")), file_name=data["file"].name,
                    content=data["file"].read(), user=request.user,
                )
                # Enqueued once the job row is committed, so the worker always finds it.
                transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
            messages.info(request, _("The file is queued for import."))
            return redirect(reverse("admin:geodata_importjob_change", args=[job.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": _("Import an ACLED file")}
        return TemplateResponse(request, "admin/geodata/importjob/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(ImportJob, pk=object_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        # The page's script polls the status in the page's language: its phase and report are rendered in it.
        status_url = reverse("admin:geodata_importjob_status", args=[job.pk]) + "?" + urlencode({"lang": get_language()})
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "job": job, "object": job,
                   "title": _("Import of %(file)s") % {"file": job.file_name}, "status_url": status_url}
        return TemplateResponse(request, "admin/geodata/importjob/progress.html", context)

    def status_view(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return JsonResponse({"status": job.status, "status_display": job.get_status_display(), "phase": job.get_phase_display(),
                             "processed": job.processed, "total": job.total, "percent": job.percent,
                             "finished": job.is_finished, "report": job.report})

    @staticmethod
    @require_POST
    def _cancel(request, job):
        if not job.is_finished:
            ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)
            messages.info(request, _("Cancelling: the import stops at its next batch and writes nothing."))
        return redirect(reverse("admin:geodata_importjob_change", args=[job.pk]))

    def cancel_view(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        if not (request.user == job.user or is_reviewer(request.user)):
            raise PermissionDenied
        return self._cancel(request, job)
