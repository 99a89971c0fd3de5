"""Public corrections log: every change to a published record and every withdrawal, newest first."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..httpcache import cache_public
from ..public import public_conflicts, public_corrections


@require_safe
@cache_public
def corrections(request, slug=None):
    conflict = get_object_or_404(public_conflicts(), slug=slug) if slug is not None else None
    log = public_corrections().select_related("conflict")
    if conflict is not None:
        log = log.for_conflict(conflict)
    page = Paginator(log, 100).get_page(request.GET.get("page"))
    return render(request, "corrections.html", {"conflict": conflict, "page": page})
