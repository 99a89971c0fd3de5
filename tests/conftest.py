import os

import pytest
from playwright.sync_api import sync_playwright

# Debian's chromium (Playwright cannot download its own browsers here); no background
# network traffic, so the tests' "no request outside the test server" check is exact.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: Playwright's sync API allows one driver per process."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from it (live_server tests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(db):
    """The demo conflict, loaded through the same code path as `make run`."""
    from geodata import demo as demo_module
    from geodata.models import Conflict

    demo_module.load()
    return Conflict.objects.get(slug=demo_module.SLUG)


# --- Editorial integrity fixtures (issue 5) ------------------------------------------------
# Used by the canary test over every public URL and by the XSS corpus tests.

HIDDEN_STATES = ("draft", "in_review", "withdrawn")


@pytest.fixture
def unpublished_markers(demo):
    """Draft, in-review and withdrawn events, control changes and claims, on top of the demo.

    Every free-text field of every hidden record carries a unique marker string, and
    every hidden claim a unique casualty figure, so a test can assert that no public
    URL ever shows any of them. Also seeds *published* claims on hidden events and
    control changes: a claim is public only if its parent is.

    Returns {"conflict", "markers": [str], "numbers": [int], "ids": {"event": [...],
    "controlchange": [...], "claim": [...]}, "by_record": {(model, pk): [markers]}}.
    """
    import datetime
    import uuid

    from geodata.models import Claim, ControlChange, Event, Party, Place, Source

    markers, numbers, by_record = [], [], {}
    ids = {"event": [], "controlchange": [], "claim": []}
    figure = iter(range(7_770_001, 7_779_999))

    def mark(kind, state, field):
        value = f"CANARY{uuid.uuid4().hex[:10]}{kind}{state}{field}".replace("_", "")
        markers.append(value)
        return value

    def remember(obj, fields):
        key = obj._meta.model_name
        ids[key].append(obj.pk)
        by_record[(key, obj.pk)] = fields

    az, nk = Party.objects.get(slug="azerbaijan"), Party.objects.get(slug="nk-authorities")
    stepanakert, madagiz = Place.objects.get(slug="stepanakert"), Place.objects.get(slug="madagiz")
    source = Source.objects.first()
    public_event = Event.objects.published().get(external_id="NK2020-DEMO-2")
    public_change = ControlChange.objects.published().filter(place=madagiz).order_by("date").last()

    def claim(state, **target):
        fields = {f: mark("claim", state, f) for f in ("claimant_name", "claimant_role", "summary", "review_comment")}
        number = next(figure)
        numbers.append(number)
        obj = Claim.objects.create(
            state=state, claimant_party=az, source=source, stance="asserts", killed_civilians=number,
            casualties_of=nk, claimed_on=datetime.date(2020, 10, 20), **fields, **target,
        )
        remember(obj, list(fields.values()))
        return obj

    # Control changes on Stepanakert from 20 October: alternate parties so the
    # "control must change hands" trigger accepts the hidden ones in sequence.
    parties = {"draft": az, "in_review": nk, "withdrawn": az}
    for offset, state in enumerate(HIDDEN_STATES):
        fields = {f: mark("event", state, f) for f in ("external_id", "description", "confirmation_note", "review_comment")}
        fields["external_id"] = fields["external_id"][:60]
        event = Event.objects.create(
            state=state, conflict=demo, sub_event_type="Air/drone strike", date=datetime.date(2020, 10, 20 + offset),
            point=stepanakert.point, place=stepanakert, perpetrator=az, target=nk, confirmed=True, **fields,
        )
        remember(event, list(fields.values()))
        change_fields = {f: mark("controlchange", state, f) for f in ("note", "review_comment")}
        change = ControlChange.objects.create(
            state=state, place=stepanakert, conflict=demo, party=parties[state],
            date=datetime.date(2020, 10, 20 + offset), status="claimed", **change_fields,
        )
        remember(change, list(change_fields.values()))
        claim(state, event=public_event)       # hidden claim on a public event
        claim(state, control_change=public_change)  # hidden claim on a public control change
        claim("published", event=event)        # "published" claim on a hidden event
        claim("published", control_change=change)
        claim(state, event=event)
    return {"conflict": demo, "markers": markers, "numbers": numbers, "ids": ids, "by_record": by_record}


# Hostile text for every text field and URL. Each payload that would create an element
# marks it with data-xss, so a test can look for [data-xss] in the DOM whatever the CSP
# blocked; scripts that run would set window.__xss or open a dialog.
xss_payloads = [
    '<script data-xss>window.__xss = 1; alert("xss-script")</script>',
    '"><script data-xss>alert("xss-attr-break")</script>',
    "'><img data-xss src=x onerror=\"window.__xss = 1; alert('xss-img')\">",
    '<svg data-xss onload="window.__xss = 1; alert(\'xss-svg\')"><circle r="5"/></svg>',
    '<a data-xss href="javascript:alert(\'xss-js-url\')">click me</a>',
    "javascript:alert('xss-bare-js-url')",
    '<iframe data-xss src="javascript:alert(\'xss-iframe\')"></iframe>',
    '<div data-xss style="background:url(javascript:alert(1))" onmouseover="alert(\'xss-hover\')">hover</div>',
    "</textarea></title></script><b data-xss>broken markup",
    '<<b data-xss>b>unbalanced <i>tags</b',
    "<!-- --><details data-xss open ontoggle=\"alert('xss-toggle')\">",
    '{{ 7*7 }} ${alert("xss-template")} `${alert(1)}`',
    '\u202e<style data-xss>body{display:none}</style>',
]
XSS_URLS = [  # URL-shaped payloads that pass an http(s) validator
    'https://example.org/"><script data-xss>alert("xss-url")</script>',
    "https://example.org/?q=<img data-xss src=x onerror=alert('xss-url-img')>",
]


@pytest.fixture(name="xss_payloads")
def xss_payloads_fixture():
    """The XSS corpus: text payloads (and XSS_URLS for URL fields)."""
    return list(xss_payloads)
