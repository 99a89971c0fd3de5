"""Query parameters of /embed/<slug>/: parsed in one place, never an error page.

An embed lives inside somebody else's article: a reader must never see an error
there because an editor mistyped a parameter. So every parameter that is
unknown, malformed or out of range falls back to its default and the problem is
logged as a warning (logger "geodata.embed") for us to find, instead of a 400.

Parameters (all optional; defaults in brackets):
  date=YYYY-MM-DD        date shown [the end of the slider range]; clipped into start..end
  start=, end=           slider range [the conflict's start date, its end date or today]
  window=N               days of events shown, ending on the date, 1..90 [7]
  center=LAT,LON         map centre [fit the conflict's extent]
  zoom=N                 map zoom, LEAFLET_CONFIG MIN_ZOOM..MAX_ZOOM [fit the extent]
  layers=places,events   layers shown [all]
  type=, party=, status= event filters, repeatable or comma-separated: ACLED event types,
                         party slugs (perpetrator or target), verification statuses
  controls=slider,timeline | none
                         controls shown [slider]; without the slider the date is locked
  theme=light|dark|auto  [auto: follows the reader's system setting]
  lang=en                interface language, one of settings.EMBED_LANGUAGES [its first]
"""

import dataclasses
import datetime
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from ..choices import EventType, Verification

logger = logging.getLogger("geodata.embed")

LAYERS = ("places", "events")
CONTROLS = ("slider", "timeline")
DEFAULT_CONTROLS = ("slider",)
THEMES = ("light", "dark", "auto")
FILTERS = ("type", "party", "status")
KNOWN = {"date", "start", "end", "window", "center", "zoom", "layers", "controls", "theme", "lang", *FILTERS}
DEFAULT_WINDOW = 7  # days of events shown up to the date, as on the map page
MAX_WINDOW = 90
EVENT_TYPES = set(EventType.values)  # the map filters by ACLED event type


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

    def filter_data(self, conflict, start, end):
        """The event filters as data for the shared EventFilterSet (geodata/filtersets.py)."""
        data = QueryDict(mutable=True)
        data["conflict"] = conflict.slug
        data["start"], data["end"] = start.isoformat(), end.isoformat()
        data.setlist("type", list(self.types))
        data.setlist("party", list(self.parties))
        data.setlist("status", list(self.statuses))
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


def conflict_range(conflict):
    """The dates a slider may show: the conflict's start to its end (or today while it goes on)."""
    today = timezone.localdate()
    end = conflict.end_date or max(today, conflict.start_date)
    return conflict.start_date, end


def _values(query, name):
    """All values of a repeatable, comma-separable parameter, stripped, empty ones dropped."""
    getlist = getattr(query, "getlist", None)
    raw = getlist(name) if getlist else ([query[name]] if name in query else [])
    return [item.strip() for value in raw for item in str(value).split(",") if item.strip()]


def _one(query, name):
    value = query.get(name)
    if isinstance(value, list):  # plain dicts in tests
        value = value[-1] if value else None
    return None if value is None else str(value).strip()


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def parse(query, conflict, log=True):
    """Turn a QueryDict (or dict) into EmbedParams; problems fall back and are logged."""
    problems = []

    def problem(message):
        problems.append(message)

    first, last = conflict_range(conflict)

    unknown = sorted(set(query.keys()) - KNOWN)
    for name in unknown:
        problem(f"unknown parameter {name!r} ignored")

    def date_param(name, default, low, high):
        text = _one(query, name)
        if not text:
            return default
        value = _date(text)
        if value is None:
            problem(f"{name}={text!r} is not a date (YYYY-MM-DD); using {default}")
            return default
        if not low <= value <= high:
            problem(f"{name}={text} is outside {low}..{high}; using {default}")
            return default
        return value

    start = date_param("start", first, first, last)
    end = date_param("end", last, first, last)
    if start > end:
        problem(f"start {start} is after end {end}; using the conflict's range {first}..{last}")
        start, end = first, last
    date = date_param("date", end, start, end)

    window = DEFAULT_WINDOW
    text = _one(query, "window")
    if text:
        try:
            window = int(text)
            if not 1 <= window <= MAX_WINDOW:
                raise ValueError
        except ValueError:
            problem(f"window={text!r} is not a whole number of days from 1 to {MAX_WINDOW}; using {DEFAULT_WINDOW}")
            window = DEFAULT_WINDOW

    center = None
    text = _one(query, "center")
    if text:
        try:
            lat, lon = (float(part) for part in text.split(","))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for NaN
                raise ValueError
            center = (lat, lon)
        except ValueError:
            problem(f"center={text!r} is not LAT,LON in range; fitting the conflict's extent")

    zoom = None
    text = _one(query, "zoom")
    if text:
        low = settings.LEAFLET_CONFIG.get("MIN_ZOOM", 0)
        high = settings.LEAFLET_CONFIG.get("MAX_ZOOM", 18)
        try:
            zoom = int(text)
            if not low <= zoom <= high:
                raise ValueError
        except ValueError:
            problem(f"zoom={text!r} is not a whole number from {low} to {high}; fitting the extent")
            zoom = None

    def choice_list(name, allowed, default):
        values = _values(query, name)
        if name not in query:
            return default
        if values == ["none"] and name == "controls":
            return ()
        kept = tuple(dict.fromkeys(v for v in values if v in allowed))
        dropped = [v for v in values if v not in allowed]
        if dropped:
            problem(f"{name}: unknown value(s) {', '.join(map(repr, dropped))} ignored")
        return kept or default

    layers = choice_list("layers", LAYERS, LAYERS)
    controls = choice_list("controls", CONTROLS, DEFAULT_CONTROLS)
    party_slugs = set(conflict.parties.values_list("slug", flat=True))
    types = choice_list("type", EVENT_TYPES, ())
    parties = choice_list("party", party_slugs, ())
    statuses = choice_list("status", set(Verification.values), ())

    theme = _one(query, "theme") or "auto"
    if theme not in THEMES:
        problem(f"theme={theme!r} is not one of {', '.join(THEMES)}; using auto")
        theme = "auto"

    languages = settings.EMBED_LANGUAGES
    default_lang = languages[0]
    lang = _one(query, "lang") or default_lang
    if lang not in languages:
        problem(f"lang={lang!r} is not an available language; using {default_lang}")
        lang = default_lang

    if log:
        for message in problems:
            logger.warning("embed %s: %s", conflict.slug, message)
    return EmbedParams(
        date=date, start=start, end=end, window=window, center=center, zoom=zoom, layers=layers, types=types,
        parties=parties, statuses=statuses, controls=controls, theme=theme, lang=lang,
        problems=tuple(problems),
    )
