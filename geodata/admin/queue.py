"""The reviewers' queue on the admin index: every record waiting for review, oldest first.

Built from the registered model admins of editorial records (events, control changes, claims,
territory versions, and any added later), so a new editorial model joins the queue by being
registered. Each row links to the record's change page: one click to review it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ..editorial import EditorialRecord, State
from ..editorial.states import is_reviewer

QUEUE_LIMIT = 100


@dataclass
class QueueRow:
    kind: str
    label: str
    url: str
    submitted_at: datetime | None
    submitted_by: str
    own: bool  # the reviewer's own work: another reviewer must publish it


def review_queue(site, request, limit=QUEUE_LIMIT):
    """(rows, total) for a reviewer, oldest submission first; None for anyone else."""
    user = request.user
    if not is_reviewer(user):
        return None
    rows, total = [], 0
    for model, model_admin in site._registry.items():
        if not issubclass(model, EditorialRecord) or not model_admin.has_view_or_change_permission(request):
            continue
        waiting = model._default_manager.filter(state=State.IN_REVIEW)
        total += waiting.count()
        opts = model._meta
        for record in waiting.select_related("submitted_by").order_by("submitted_at", "pk")[:limit]:
            rows.append(QueueRow(
                kind=str(opts.verbose_name),
                label=str(record),
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
                submitted_at=record.submitted_at,
                submitted_by=str(record.submitted_by or _("unknown")),
                own=record.is_own_work(user) and not settings.ALLOW_SELF_PUBLISH,
            ))
    # Oldest first across models; a record with no submission time (inserted by a script) first of all.
    rows.sort(key=lambda row: (row.submitted_at is not None, row.submitted_at or datetime.min, row.url))
    return rows[:limit], total
