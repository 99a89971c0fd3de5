"""The API's JSON, built by PostgreSQL in one statement per request.

PostGIS writes the geometry (ST_AsGeoJSON), PostgreSQL assembles every
feature with json_build_object and the page with json_agg, claims included
through a correlated json_agg subquery; the events page (the largest) is
assembled the same way but as text, from to_json() pieces (see _CLAIM_TEXT). Python receives one text value and
sends it on as bytes: nothing is parsed or serialised per object in Python,
which is where a DRF (or drf-gis) serializer spends its time.

Which rows are shown comes from Django querysets (the public querysets in
public.py, filtered by the FilterSets), compiled to SQL and embedded here, so
visibility rules and filters live in one place and are never re-written in SQL.

Parties, sources and alternate names are reference data of the rows already
selected, so they are joined straight from their tables.
"""

import functools

from django.db.models import Max
from django.db.models.functions import Coalesce

from ..placenames import label_sql, names_sql
from ..public import (
    corrected_control_changes,
    public_claims,
    public_claims_of_public_records,
    public_corrections,
)
from .db import fetch, fetch_bytes  # noqa: F401 (run where they are built: geojson.fetch(geojson.events_sql(...)))


class SQL:
    """Text and its parameters, appended in order (so %s placeholders stay aligned)."""

    def __init__(self, text="", params=(), generic_plan=False):
        self.parts = [text]
        self.params = list(params)
        # Bound on the server, prepared and run with a generic plan (db.py): for the
        # statements built once and reused with new dates (statements.py).
        self.generic_plan = generic_plan

    def add(self, text, params=()):
        self.parts.append(text)
        self.params.extend(params)
        return self

    def add_query(self, queryset):
        sql, params = queryset.query.sql_with_params()
        return self.add(sql, params)

    @property
    def text(self):
        return "".join(self.parts)


def _party(alias, *fields):
    pairs = ", ".join(f"'{field}', {alias}.{field}" for field in fields)
    return f"CASE WHEN {alias}.id IS NULL THEN NULL ELSE json_build_object({pairs}) END"


def display_name_sql(place):
    """Place.display_name in SQL: the English label, "Stepanakert (Khankendi)"."""
    return label_sql(place, "en")


def page_places_cte(language, rows="e"):
    """A CTE `pl` of the places named by the rows of CTE `rows` (which have `place_id`), with their names
    as JSON text: `display_name` (the English label), `label` (in `language`) and `names` (each
    language's name; geodata/placenames.py). MATERIALIZED: the names are built once per place, not
    once per row naming it (a page of events names far fewer places than it has events; joined
    directly, the name functions ran for every event: half again the statement's time)."""
    return (
        f"pl AS MATERIALIZED (SELECT q.id, q.slug, {_j(display_name_sql('q'))} AS display_name, "
        f"{_j(label_sql('q', language))} AS label, {names_sql('q')}::text AS names, "
        "ST_X(q.point) AS lon, ST_Y(q.point) AS lat "
        f"FROM geodata_place q WHERE q.id IN (SELECT place_id FROM {rows}))"
    )


_PERSON = "concat_ws(', ', nullif(c.claimant_name, ''), nullif(c.claimant_role, ''))"

# Claim.claimant in SQL: "Name, Role (Party)", or the person alone, or the party's name.
_CLAIMANT = (
    # Same rule as Claim.claimant: the party is named unless the person or role already names it.
    f"CASE WHEN cp.id IS NOT NULL AND {_PERSON} <> '' AND strpos({_PERSON}, cp.short_name) = 0 "
    f"THEN {_PERSON} || ' (' || cp.short_name || ')' "
    f"ELSE coalesce(nullif({_PERSON}, ''), cp.name) END"
)


@functools.cache
def _public_claims_sql():
    """The public claims' SQL, compiled once: it depends on no request parameter."""
    # No ORDER BY inside, so PostgreSQL flattens the subquery into a plain index scan.
    text, params = public_claims().order_by().query.sql_with_params()
    return text, tuple(params)


_CLAIM_JOINS = (
    "JOIN geodata_source s ON s.id = c.source_id "
    "LEFT JOIN geodata_party cp ON cp.id = c.claimant_party_id "
    "LEFT JOIN geodata_party co ON co.id = c.casualties_of_id"
)


def add_claims(sql, fk, outer):
    """Append the json array of the public claims whose `fk` column equals `outer`."""
    sql.add(f"(SELECT coalesce('[' || string_agg({_CLAIM_TEXT}, ',' ORDER BY c.id) || ']', '[]')::json FROM (")
    sql.add(*_public_claims_sql())
    sql.add(f") c {_CLAIM_JOINS} WHERE c.{fk} = {outer})")
    return sql


@functools.cache
def _corrected_sql(corrected):
    """The corrected records' SQL, compiled once per model: it depends on no request parameter
    (compiling it was most of the Python time of an events request)."""
    text, params = corrected().order_by().values("id", "corrected_at").query.sql_with_params()
    return text, tuple(params)


def add_corrected(sql, corrected, outer):
    """LEFT JOIN `ca`: (id, corrected_at) of the records with a public correction (corrections.py)."""
    sql.add("LEFT JOIN (")
    sql.add(*_corrected_sql(corrected))
    return sql.add(f") ca ON ca.id = {outer}")


EVENT_COLUMNS = [
    "id", "date", "time_precision", "event_type", "sub_event_type", "geo_precision", "point", "place_id",
    "perpetrator_id", "target_id", "civilian_targeting", "description", "confirmed",
]

def verification_sql(confirmed, flags="cl"):
    """EventQuerySet.with_verification in SQL, from the `asserted` / `denied` flags of a claims pass
    (`flags`, as built by add_event_claims) and an SQL boolean `confirmed`. The one SQL statement of
    the rule: territory versions (territory_geojson.py) derive their status with it too."""
    return (
        f"CASE WHEN {confirmed} THEN 'confirmed' "
        f"WHEN {flags}.asserted AND {flags}.denied THEN 'disputed' WHEN {flags}.asserted THEN 'claimed' "
        f"WHEN {flags}.denied THEN 'denied' ELSE 'unsourced' END"
    )


# Kept equal to with_verification by tests/test_geojson.py, which compares the two on every combination.
_VERIFICATION = verification_sql("e.confirmed")


@functools.cache
def _claims_of_public_sql():
    text, params = public_claims_of_public_records().order_by().query.sql_with_params()
    return text, tuple(params)


def _j(expr):
    """JSON text of a scalar SQL value (null for NULL), for the JSON built as text below."""
    return f"coalesce(to_json({expr})::text, 'null')"


def _obj(*pairs):
    """SQL text expression of a JSON object from (key, JSON-text SQL expression) pairs: keys are
    fixed, so they are written into the literal once instead of being encoded on every row."""
    parts = []
    for i, (key, value) in enumerate(pairs):
        parts.append("'" + ("{" if i == 0 else ",") + f'"{key}":' + "'")
        parts.append(value)
    return "(" + " || ".join(parts) + " || '}')"


def _party_text(alias, *fields):
    return f"CASE WHEN {alias}.id IS NULL THEN 'null' ELSE {_obj(*((f, _j(f'{alias}.{f}')) for f in fields))} END"


# A claim's JSON, the one definition used by every endpoint (events, places, control changes).
# Built as text: json_build_object is VARIADIC "any" and looks up the output function of every
# argument on every call, and ST_AsGeoJSON(...)::json re-parses the geometry; concatenating
# to_json() pieces skips both (about a third of the events statement's time). Where the
# surrounding JSON is built with json_build_object, the array is cast to json once.
_CLAIM_TEXT = _obj(
    ("id", "c.id::text"),
    ("stance", _j("c.stance")),
    ("claimant", _j(_CLAIMANT)),
    ("claimant_party", _party_text("cp", "slug", "short_name")),
    ("claimant_name", _j("c.claimant_name")),
    ("claimant_role", _j("c.claimant_role")),
    ("claimed_on", _j("c.claimed_on")),
    ("summary", _j("c.summary")),
    ("source", _obj(*((f, _j(f"s.{f}")) for f in ("outlet", "title", "url", "published_on")))),
    # json_strip_nulls: a figure that is NULL is left out (concat_ws skips NULL pieces).
    ("figures", "'{' || concat_ws(',', " + ", ".join(
        f"'\"{f}\":' || c.{f}" for f in ("killed_civilians", "killed_combatants", "wounded_civilians", "wounded_combatants")
    ) + ") || '}'"),
    ("figure_qualifier", _j("c.figure_qualifier")),
    ("casualties_of", _party_text("co", "slug", "short_name")),
)


@functools.cache
def _event_corrected_sql():
    """(id, corrected_at) of the events with a public correction, from one pass over the public
    corrections log: a correction names an event itself or one of its claims (never both), so
    the latest date per coalesce(event, claim's event) is EventQuerySet.corrected()'s
    corrected_at. Its SQL holds the log's joins once where corrected() holds them four times
    (filter and annotation, event and claims), which was half of the events statement's planning
    (tests/test_api.py: corrected_at of an event corrected itself and through a claim)."""
    log = (
        public_corrections()
        .order_by()
        .annotate(record=Coalesce("event_id", "claim__event_id"))
        .filter(record__isnull=False)
        .values("record")
        .annotate(latest=Max("date"))
        .values("record", "latest")
    )
    text, params = log.query.sql_with_params()
    return text, tuple(params)


def add_event_corrected(sql, outer):
    """LEFT JOIN `ca`: (id, corrected_at) of the events with a public correction."""
    sql.add("LEFT JOIN (SELECT record AS id, latest AS corrected_at FROM (")
    sql.add(*_event_corrected_sql())
    return sql.add(f") log) ca ON ca.id = {outer}")


def add_event_claims(sql, fk="event_id", outer="e.id"):
    """LEFT JOIN LATERAL `cl`: per event `e`, its public claims' JSON text (`claims`) and whether
    any asserts / denies it (`asserted`, `denied`, for the verification status), in one pass.

    `e` is a public event, so a claim of it is public when published itself
    (public_claims_of_public_records): no join back to the event per claim. Parties and sources
    are joined by LATERAL primary-key lookups: a join here is planned once per event, and the
    planner would rebuild a hash of the party table on every one. `fk` / `outer` name another
    public record instead (a territory version: "territory_version_id", "tv.id").
    """
    sql.add(f"LEFT JOIN LATERAL (SELECT coalesce('[' || string_agg({_CLAIM_TEXT}, ',' ORDER BY c.id) || ']', '[]') "
            "AS claims, bool_or(c.stance = 'asserts') AS asserted, bool_or(c.stance = 'denies') AS denied FROM (")
    sql.add(*_claims_of_public_sql())
    sql.add(
        ") c JOIN geodata_source s ON s.id = c.source_id "
        "LEFT JOIN LATERAL (SELECT * FROM geodata_party WHERE id = c.claimant_party_id OFFSET 0) cp ON true "
        "LEFT JOIN LATERAL (SELECT * FROM geodata_party WHERE id = c.casualties_of_id OFFSET 0) co ON true "
        f"WHERE c.{fk} = {outer}) cl ON true "
    )
    return sql


@functools.cache
def _feature_text():
    """An event Feature's JSON text; its place's names come from page_places_cte (`pl`)."""
    return _obj(
        ("type", "'\"Feature\"'"),
        ("id", "e.id::text"),
        ("geometry", "coalesce(ST_AsGeoJSON(e.point, 6), 'null')"),
        ("properties", _obj(
            ("date", _j("e.date")),
            ("time_precision", _j("e.time_precision")),
            ("event_type", _j("e.event_type")),
            ("sub_event_type", _j("e.sub_event_type")),
            ("geo_precision", _j("e.geo_precision")),
            ("place", f"CASE WHEN pl.id IS NULL THEN 'null' ELSE "
                      f"{_obj(('slug', _j('pl.slug')), *((k, f'pl.{k}') for k in ('display_name', 'label', 'names')))} END"),
            ("perpetrator", _party_text("pp", "slug", "short_name", "color")),
            ("target", _party_text("pt", "slug", "short_name", "color")),
            ("civilian_targeting", _j("e.civilian_targeting")),
            ("description", _j("e.description")),
            ("verification", f"'\"' || {_VERIFICATION} || '\"'"),
            ("corrected_at", _j("ca.corrected_at")),
            ("claims", "cl.claims"),
        )),
    )


def _head(filtered, head):
    """The statement's first columns: count(*) of `filtered`, or the caller's own SQL (`head`, ending
    with a comma: the keyset-paged lists put their bounded count and page keys there, paging.Page)."""
    if head is not None:
        return SQL("SELECT ").add(head.text, head.params)
    return SQL("SELECT (SELECT count(*) FROM (").add_query(filtered.order_by().values("id")).add(") n), ")


def events_sql(filtered, offset, limit, head=None, window=None, language="en"):
    """(count, features json text) of one page of `filtered` events, newest first, places named in `language`.

    `filtered` must be a queryset of public events (public_events(), filtered): their claims
    are read through public_claims_of_public_records().
    """
    # A status filter puts `verification` in the WHERE clause; the page need not select it:
    # the status shown is derived from the same claims as the claims listed.
    # `window`: the rows to page through, already ordered (paging.Page: after or before a cursor).
    window = filtered.order_by("-date", "-id") if window is None else window
    page = window.values(*EVENT_COLUMNS)[offset : offset + limit]

    sql = _head(filtered, head)
    sql.add("(WITH e AS MATERIALIZED (")
    sql.add_query(page)
    sql.add(
        f"), {page_places_cte(language)} "
        f"SELECT coalesce('[' || string_agg({_feature_text()}, ',' ORDER BY e.date DESC, e.id DESC) || ']', "
        "'[]') FROM e LEFT JOIN pl ON pl.id = e.place_id "
        "LEFT JOIN geodata_party pp ON pp.id = e.perpetrator_id "
        "LEFT JOIN geodata_party pt ON pt.id = e.target_id "
    )
    add_event_claims(sql)
    add_event_corrected(sql, "e.id")
    sql.add(")")
    return sql


def places_sql(places, language="en"):
    """Features json text of `places`, annotated by with_controller_at, ordered by name, labelled in `language`."""
    rows = places.order_by().values("id", "control_change_id", "control_status")
    sql = SQL(
        "SELECT coalesce(json_agg(json_build_object("
        "'type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.point, 6)::json, "
        "'properties', json_build_object("
        f"'slug', p.slug, 'name', p.name, 'display_name', {display_name_sql('p')}, "
        f"'label', {label_sql('p', language)}, 'names', {names_sql('p')}, 'kind', p.kind, "
        "'alternate_names', (SELECT coalesce(json_agg(json_build_object("
        "'name', a.name, 'language', a.language, 'role', a.role, 'used_by', a.used_by) "
        "ORDER BY a.language, a.role, a.name), '[]'::json) "
        "FROM geodata_alternatename a WHERE a.place_id = p.id), "
        "'control', CASE WHEN cc.id IS NULL THEN NULL ELSE json_build_object("
        f"'party', {_party('pa', 'slug', 'short_name', 'name', 'color')}, "
        "'since', cc.date, 'date_precision', cc.date_precision, 'status', r.control_status, "
        "'change_id', cc.id, 'corrected_at', ca.corrected_at, 'claims', "
    )
    add_claims(sql, "control_change_id", "cc.id")
    sql.add(") END)) ORDER BY p.name, p.id), '[]'::json)::text FROM (")
    sql.add_query(rows)
    # OFFSET 0 keeps the subquery from being flattened, which would evaluate the
    # controller lookup twice per place (once for the join, once for the output).
    sql.add(
        " OFFSET 0) r JOIN geodata_place p ON p.id = r.id "
        "LEFT JOIN geodata_controlchange cc ON cc.id = r.control_change_id "
        "LEFT JOIN geodata_party pa ON pa.id = cc.party_id "
    )
    return add_corrected(sql, corrected_control_changes, "cc.id")


def control_changes_sql(filtered, offset, limit, head=None, window=None, language="en"):
    """(count, results json text) of one page of `filtered` control changes, newest first, places named
    in `language`."""
    # `status` is the queryset's annotation (public_control_changes: from the public claims).
    window = filtered.order_by("-date", "-id") if window is None else window
    page = window.values("id", "status", "until", "place_id")[offset : offset + limit]
    sql = _head(filtered, head)
    sql.add("(WITH page AS MATERIALIZED (")
    sql.add_query(page)
    sql.add(
        f"), {page_places_cte(language, rows='page')} "
        "SELECT coalesce(json_agg(json_build_object("
        "'id', cc.id, "
        "'place', json_build_object('slug', pl.slug, 'display_name', pl.display_name::json, "
        "'label', pl.label::json, 'names', pl.names::json, 'lon', pl.lon, 'lat', pl.lat), "
        f"'party', {_party('pa', 'slug', 'short_name', 'color')}, "
        "'date', cc.date, 'until', page.until, 'date_precision', cc.date_precision, 'status', page.status, "
        "'note', cc.note, "
        "'confirmation_note', CASE WHEN cc.confirmed THEN cc.confirmation_note ELSE NULL END, "
        "'corrected_at', ca.corrected_at, 'claims', "
    )
    add_claims(sql, "control_change_id", "cc.id")
    sql.add(
        ") ORDER BY cc.date DESC, cc.id DESC), '[]'::json)::text "
        "FROM page JOIN geodata_controlchange cc ON cc.id = page.id "
        "JOIN pl ON pl.id = page.place_id "
        "JOIN geodata_party pa ON pa.id = cc.party_id "
    )
    add_corrected(sql, corrected_control_changes, "cc.id")
    return sql.add(")")
