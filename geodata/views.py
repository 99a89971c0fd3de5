"""HTML pages. Thin: the map page only hands its configuration to the JavaScript."""

from django.shortcuts import get_object_or_404, render

from .mapconfig import map_config
from .models import Conflict


def conflict_list(request):
    conflicts = Conflict.objects.prefetch_related("parties").order_by("-start_date", "name")
    return render(request, "geodata/conflict_list.html", {"conflicts": conflicts})


def conflict_map(request, slug):
    conflict = get_object_or_404(Conflict, slug=slug)
    return render(request, "geodata/conflict_map.html", {"conflict": conflict, "map_config": map_config(conflict)})
