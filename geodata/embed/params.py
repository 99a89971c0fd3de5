"""Query parameters of /embed/<slug>/: parsed in one place, never an error page.

An embed lives inside somebody else's article: a reader must never see an error
there because an editor mistyped a parameter. So every parameter that is
unknown, malformed or out of range falls back to its default and the problem is
logged as a warning (logger "geodata.embed") for us to find, instead of a 400.
The parsing is EmbedForm's (geodata/embed/forms.py), with the field classes the
API's FilterSets use for the parameters they share; this module turns its
cleaned data into EmbedParams, which the view, the summary and oEmbed read.

Parameters (all optional; defaults in brackets):
  date=YYYY-MM-DD        date shown [the end of the slider range]; clamped into start..end
  start=, end=           slider range [the conflict's start date, its end date or today]
  window=N               days of events shown, ending on the date, rounded, clamped into 1..90 [7]
  center=LAT,LON         map centre [fit the conflict's extent]
  zoom=N                 map zoom, rounded, clamped into LEAFLET_CONFIG MIN_ZOOM..MAX_ZOOM [fit the extent]
  layers=places,events,territory
                         layers shown [all]
  type=, party=, status= event filters, repeatable or comma-separated: ACLED event types,
                         party slugs (perpetrator or target), verification statuses;
                         `none` alone: nothing chosen, no event shown (the map's unticked filter)
  controls=slider,timeline | none
                         controls shown [slider]; without the slider the date is locked
  theme=light|dark|auto  [auto: follows the reader's system setting]
  lang=en|hy|az|ru       interface language, one of settings.EMBED_LANGUAGES [the reader's Accept-Language
                         if it is one of them, else the first]; an unknown one falls back, as above
"""

import dataclasses
import datetime
import logging
from urllib.parse import urlencode

from django.http import QueryDict

from .forms import DEFAULT_CONTROLS, DEFAULT_WINDOW, LAYERS, NOTHING_CHOSEN, EmbedForm, conflict_range

__all__ = ["EmbedParams", "conflict_range", "parse"]

logger = logging.getLogger("geodata.embed")


@dataclasses.dataclass(frozen=True)
class EmbedParams:
    date: datetime.date
    start: datetime.date
    end: datetime.date
    window: int = DEFAULT_WINDOW
    center: tuple | None = None  # (lat, lon)
    zoom: int | None = None
    layers: tuple = LAYERS
    types: tuple = ()
    parties: tuple = ()
    statuses: tuple = ()
    controls: tuple = DEFAULT_CONTROLS
    theme: str = "auto"
    lang: str = "en"
    problems: tuple = ()  # one message per parameter that fell back to its default

    @property
    def slider(self):
        return "slider" in self.controls

    @property
    def timeline(self):
        return "timeline" in self.controls

    @property
    def window_start(self):
        """First day of the events shown: `window` days ending on the date, not before the range."""
        return max(self.start, self.date - datetime.timedelta(days=self.window - 1))

    def as_js(self):
        """The options the embed's map modules read (through json_script)."""
        return {
            "date": self.date.isoformat(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "window": self.window,
            "center": list(self.center) if self.center else None,
            "zoom": self.zoom,
            "layers": list(self.layers),
            "filters": {"type": list(self.types), "party": list(self.parties), "status": list(self.statuses)},
            "controls": list(self.controls),
            "theme": self.theme,
            "lang": self.lang,
        }

    @property
    def nothing_chosen(self):
        """True when a filter chose no value (`none` alone): no event passes, as on the map."""
        return any(values and set(values) == {NOTHING_CHOSEN} for values in (self.types, self.parties, self.statuses))

    def filter_data(self, conflict, start, end):
        """The event filters as data for the shared EventFilterSet (geodata/filtersets.py); `none` left out
        (with other values it adds nothing; alone, the caller shows no events: nothing_chosen)."""
        data = QueryDict(mutable=True)
        data["conflict"] = conflict.slug
        data["start"], data["end"] = start.isoformat(), end.isoformat()
        for name, values in (("type", self.types), ("party", self.parties), ("status", self.statuses)):
            data.setlist(name, [value for value in values if value != NOTHING_CHOSEN])
        return data

    def query_string(self, conflict):
        """Canonical query string: only what differs from the defaults, in a fixed order."""
        default = parse({}, conflict, log=False)
        pairs = []
        for name in ("date", "start", "end"):
            if getattr(self, name) != getattr(default, name):
                pairs.append((name, getattr(self, name).isoformat()))
        if self.window != default.window:
            pairs.append(("window", str(self.window)))
        if self.center:
            pairs.append(("center", f"{self.center[0]:.5f},{self.center[1]:.5f}"))
        if self.zoom is not None:
            pairs.append(("zoom", str(self.zoom)))
        if self.layers != default.layers:
            pairs.append(("layers", ",".join(self.layers)))
        for name, values in (("type", self.types), ("party", self.parties), ("status", self.statuses)):
            pairs.extend((name, value) for value in values)
        if self.controls != default.controls:
            pairs.append(("controls", ",".join(self.controls) or "none"))
        if self.theme != default.theme:
            pairs.append(("theme", self.theme))
        if self.lang != default.lang:
            pairs.append(("lang", self.lang))
        return urlencode(pairs, safe=",/")


# The map page's URL state (static/js/map/urlstate.js) names some parameters differently; the
# embed, and oEmbed for a map-page URL, read them too, so a shared view keeps its centre,
# zoom, window, event types, parties and statuses. An embed's own name wins if both are given.
MAP_PAGE_NAMES = {"types": "type", "parties": "party"}


def with_map_page_names(query):
    """A QueryDict in the embed's names: lat & lng -> center, types -> type, parties -> party."""
    data = QueryDict(mutable=True)
    for name in query:
        if hasattr(query, "getlist"):
            data.setlist(name, query.getlist(name))
        else:  # a plain dict: a value or a list of values
            value = query[name]
            data.setlist(name, list(value) if isinstance(value, (list, tuple)) else [value])
    if "center" not in data and ("lat" in data or "lng" in data):
        data["center"] = f"{data.get('lat', '')},{data.get('lng', '')}"
    for name in ("lat", "lng"):
        data.pop(name, None)
    for alias, name in MAP_PAGE_NAMES.items():
        if alias in data:
            values = data.pop(alias)
            if name not in data:
                data.setlist(name, values)
    return data


def parse(query, conflict, log=True, language=None):
    """Turn a QueryDict (or dict), in the embed's or the map page's names, into EmbedParams;
    problems fall back and are logged. `language` is the reader's, for when lang= is absent or bad."""
    form = EmbedForm(with_map_page_names(query), conflict, language=language)
    form.is_valid()  # never refuses: a bad value fell back to its field's initial value (form.problems)
    data = form.cleaned_data
    if log:
        for message in form.problems:
            logger.warning("embed %s: %s", conflict.slug, message)
    return EmbedParams(
        date=data["date"], start=data["start"], end=data["end"], window=data["window"], center=data["center"],
        zoom=data["zoom"], layers=data["layers"], types=data["type"], parties=data["party"],
        statuses=data["status"], controls=data["controls"], theme=data["theme"], lang=data["lang"],
        problems=tuple(form.problems),
    )
