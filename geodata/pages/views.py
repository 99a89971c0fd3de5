"""HTML pages. Thin: the map page only hands its configuration to the JavaScript.

Like the API, they take their rows from the public querysets (public.py) only.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from ..httpcache import cache_public
from ..mapconfig import map_config
from ..public import public_conflicts, public_parties


@cache_public
def conflict_list(request):
    conflicts = public_conflicts().prefetch_related(Prefetch("parties", queryset=public_parties())).order_by(
        "-start_date", "name"
    )
    return render(request, "geodata/conflict_list.html", {"conflicts": conflicts})


@cache_public
def conflict_map(request, slug):
    conflict = get_object_or_404(public_conflicts(), slug=slug)
    return render(request, "geodata/conflict_map.html", {"conflict": conflict, "map_config": map_config(conflict)})
