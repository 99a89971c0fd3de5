"""Keyset (cursor) paging and bounded counts for the API lists (docs/api.md, Paging).

The lists are ordered newest first on (date, id). A page is asked for by a `cursor`,
an opaque token naming the row it continues from and the direction, which the
`next` / `previous` links carry; the page is then the rows strictly after (or
before) that row, read from the (conflict, date) indexes with LIMIT, so the
100,000th row costs what the first does and rows inserted between two requests
never shift a row into the next page twice or out of it (OFFSET did both).

`page=N` still works for the first API_MAX_OFFSET rows (shallow pages are cheap
by OFFSET too); deeper, a 400 says to follow the links.

`count` is exact up to API_EXACT_COUNT rows (counted with a LIMIT, so the cost is
bounded); beyond, PostgreSQL's planner estimate for the same query is given and
`count_is_estimate` says so. Count, page keys and the page's JSON come from one statement
(geojson.events_sql / control_changes_sql with this module's head).
"""

import base64
import binascii
import datetime
import json

from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..filtersets import PageForm

MAX_ID = 2**63 - 1
FORWARD, BACKWARD = "n", "p"
BAD_CURSOR = gettext_lazy("Not a valid cursor: use the next or previous link of a page, unchanged.")


def encode_cursor(date, pk, direction):
    text = json.dumps([date.isoformat(), pk, direction], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(token):
    """(date, id, direction) of a cursor token; ValueError for anything else."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        date, pk, direction = json.loads(raw.decode())
        if not (isinstance(date, str) and type(pk) is int and direction in (FORWARD, BACKWARD)):
            raise ValueError
        if not 1 <= pk <= MAX_ID:
            raise ValueError
        return datetime.date.fromisoformat(date), pk, direction
    except (binascii.Error, UnicodeError, TypeError, ValueError, json.JSONDecodeError):
        raise ValueError(token) from None


class CursorField(forms.CharField):
    default_error_messages = {"invalid": BAD_CURSOR}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return decode_cursor(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class KeysetPageForm(PageForm):
    """page / page_size / cursor of the keyset-paged lists (events, control changes)."""

    cursor = CursorField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("cursor") and data.get("page"):
            raise forms.ValidationError({"cursor": gettext("Give either cursor or page, not both.")})
        page, size = data.get("page"), data.get("page_size") or settings.API_PAGE_SIZE
        if page and (page - 1) * size >= settings.API_MAX_OFFSET:
            raise forms.ValidationError({"page": (
                gettext("page reaches only the first %(max)d rows; follow the next links (cursor) to go deeper.")
                % {"max": settings.API_MAX_OFFSET}
            )})
        return data


def _after(date, pk):
    # (date, id) < (date0, id0), written so that `date <= date0` is an index condition.
    return Q(date__lte=date) & (Q(date__lt=date) | Q(id__lt=pk))


def _before(date, pk):
    return Q(date__gte=date) & (Q(date__gt=date) | Q(id__gt=pk))


class Page:
    """One page of `filtered` (a queryset with `date` and `id`), newest first, fetched in the same
    statement as its rows: `head()` is SQL for the statement's first columns (the bounded count
    and the page's keys, one row more than the page to know whether another follows), `window`
    and `offset` say which rows the page is; `load()` takes the two head values back.

    After load(): keys [(date, id)] of the page's rows in order, has_next / has_previous, count
    and count_is_estimate.
    """

    def __init__(self, filtered, size, page=None, cursor=None):
        self.filtered = filtered.order_by()
        self.size = size
        self.page = page
        self.cursor = cursor
        self.offset = 0
        if cursor is not None:
            date, pk, direction = cursor
            if direction == FORWARD:
                self.window = self.filtered.filter(_after(date, pk)).order_by("-date", "-id")
            else:
                self.window = self.filtered.filter(_before(date, pk)).order_by("date", "id")
        else:
            self.offset = ((page or 1) - 1) * size
            self.window = self.filtered.order_by("-date", "-id")

    def head(self):
        from .geojson import SQL

        cap = settings.API_EXACT_COUNT
        sql = SQL("(SELECT count(*) FROM (").add_query(self.filtered.values("id")[: cap + 1]).add(") n), ")
        sql.add("(SELECT coalesce(json_agg(json_build_array(k.date, k.id)), '[]')::text FROM (")
        sql.add_query(self.window.values("date", "id")[self.offset : self.offset + self.size + 1])
        return sql.add(") k), ")

    def load(self, count, keys_text):
        rows = sorted((datetime.date.fromisoformat(d), pk) for d, pk in json.loads(keys_text))
        size = self.size
        if self.cursor is not None and self.cursor[2] == BACKWARD:
            # Read upwards from the cursor: the `size` rows nearest to it are the page.
            self.has_next, self.has_previous = True, len(rows) > size
            self.keys = rows[:size][::-1]
        else:
            rows.reverse()
            self.has_next, self.has_previous = len(rows) > size, self.cursor is not None or (self.page or 1) > 1
            self.keys = rows[:size]
        self.count, self.count_is_estimate = count, False
        if count > settings.API_EXACT_COUNT:
            self.count, self.count_is_estimate = estimate(self.filtered), True
        return self

    @property
    def ids(self):
        return [pk for _, pk in self.keys]

    def links(self, request):
        """(next, previous) absolute URLs or None."""
        url = remove_query_param(request.build_absolute_uri(), "page")
        following = previous = None
        if self.has_next and self.keys:
            following = replace_query_param(url, "cursor", encode_cursor(*self.keys[-1], FORWARD))
        if self.has_previous:
            if self.cursor is None:  # by page number: the page before it, by number
                page_url = remove_query_param(url, "cursor")
                previous = page_url if self.page == 2 else replace_query_param(page_url, "page", self.page - 1)
            elif self.keys:
                previous = replace_query_param(url, "cursor", encode_cursor(*self.keys[0], BACKWARD))
            else:
                # An empty page after a cursor (its anchor row was withdrawn meanwhile): back from the anchor.
                previous = replace_query_param(url, "cursor", encode_cursor(*self.cursor[:2], BACKWARD))
        return following, previous


def estimate(filtered):
    """PostgreSQL's planner estimate of the rows of `filtered`, for when more than API_EXACT_COUNT
    were counted (never below that: the planner can underestimate a selective filter)."""
    sql, params = filtered.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), settings.API_EXACT_COUNT + 1)
