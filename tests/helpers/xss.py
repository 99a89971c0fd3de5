"""The XSS corpus, and a world whose every text field and URL carries it (admin and public XSS tests)."""

import datetime
import itertools
from dataclasses import dataclass

from django.contrib.gis.geos import Point

from geodata.models import AlternateName, Claim, Conflict, ControlChange, Correction, Event, Party, Place, Source

# Hostile text for every text field and URL. Each payload that would create an element
# marks it with data-xss, so a test can look for [data-xss] in the DOM whatever the CSP
# blocked; scripts that run would set window.__xss or open a dialog.
XSS_PAYLOADS = [
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

XSS_DATE = datetime.date(2020, 10, 3)  # the date of the seeded events; control changes follow day by day


@dataclass
class XssWorld:
    draft_event: Event
    draft_change: ControlChange
    event: Event  # published, with a history entry and a correction
    change: ControlChange  # published
    place: Place
    conflict: Conflict


def seed_xss(user):
    """Parties, a conflict, a place, sources, events, control changes, claims and a correction, every
    text field carrying the corpus; a draft and a published event and control change (see XssWorld)."""
    short = itertools.cycle([p for p in XSS_PAYLOADS if "data-xss" in p and len(p) <= 40])
    markup = itertools.cycle([p for p in XSS_PAYLOADS if "data-xss" in p])

    def n(limit=None):
        """The whole corpus for a text field; one markup payload (that fits) for a short field."""
        if limit is None:
            return "\n".join(XSS_PAYLOADS)
        cycle = short if limit <= 60 else markup
        value = next(cycle)
        while len(value) > limit:
            value = next(cycle)
        return value

    party_a = Party.objects.create(name=n(200), short_name=n(40), slug="a", kind="state_forces", color="#112233")
    party_b = Party.objects.create(name=n(200), short_name=n(40), slug="b", kind="state_forces", color="#445566")
    conflict = Conflict.objects.create(slug="xss", name=n(200), description=n(), start_date=XSS_DATE)
    conflict.parties.set([party_a, party_b])
    place = Place.objects.create(name=n(200), slug="p", kind="town", point=Point(46.7, 40.3, srid=4326))
    for language, role in (("en", "bracket"), ("az", "bracket"), ("ru", "primary")):
        AlternateName.objects.create(place=place, name=n(200), language=language, used_by=n(200), role=role)
    source = Source.objects.create(outlet=n(200), title=n(500), url=XSS_URLS[0], published_on=XSS_DATE)
    Source.objects.create(outlet=n(200), title=n(500), url=XSS_URLS[1], published_on=XSS_DATE)
    records = []
    for state in ("draft", "published"):
        event = Event.objects.create(
            state=state, conflict=conflict, external_id=n(50) + state, sub_event_type="Armed clash", date=XSS_DATE,
            point=place.point, place=place, perpetrator=party_a, target=party_b, description=n(),
            confirmed=True, confirmation_note=n(), review_comment=n(),
        )
        change = ControlChange.objects.create(
            state=state, place=place, conflict=conflict, party=[party_a, party_b][len(records) // 2],
            date=XSS_DATE + datetime.timedelta(days=len(records)), note=n(), review_comment=n(),
        )
        for parent in ({"event": event}, {"control_change": change}):
            Claim.objects.create(
                state=state, claimant_party=party_a, claimant_name=n(200), claimant_role=n(200),
                source=source, summary=n(), review_comment=n(), **parent,
            )
        records += [event, change]
    published_event = records[2]
    Event.objects.filter(pk=published_event.pk).update(description=n())  # a history entry with a diff
    Correction.log(published_event, n(), user)
    draft_event, draft_change, event, change = records
    return XssWorld(draft_event=draft_event, draft_change=draft_change, event=event, change=change,
                    place=place, conflict=conflict)
