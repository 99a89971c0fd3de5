"""Demo data: the 2020 Nagorno-Karabakh war as reported by VOA News on 3 October 2020.

Summaries are the editors' own words, each attributed to whoever made the
claim and to the outlet that reported it. Coordinates of places are from the
gazetteer; events whose report gives no precise location are placed at the
front-line area with geo precision 3 (region only), and say so.
"""

import datetime

from django.contrib.gis.geos import Point, Polygon
from django.db import transaction

from . import demo_territory
from .choices import DatePrecision, FigureQualifier, GeoPrecision, NameRole, PartyKind, PlaceKind, Stance
from .editorial.states import State
from .models import AlternateName, Claim, Conflict, ControlChange, Event, Party, Place, Source

SLUG = "nagorno-karabakh-2020"
PUBLISHED = State.PUBLISHED  # demo records are published, so the public pages show them
D = datetime.date
EXTENT = (45.4, 38.8, 47.6, 40.6)  # includes Zangilan, on the Aras
OLD_END, OLD_EXTENT = D(2020, 11, 10), (45.6, 39.2, 47.6, 40.6)  # a demo loaded before it had territory


def _point(lat, lon):
    return Point(lon, lat, srid=4326)


@transaction.atomic
def load(stdout=None):
    """Create the demo conflict once. Returns True if it was created.

    When the conflict already exists nothing is touched, so editors' later
    edits and deletions survive every `make run`; the one exception is a demo
    loaded before it had territory (it still ends on 10 November): its dates
    and extent are widened to the handovers and the territory is added, once.
    """
    existing = Conflict.objects.filter(slug=SLUG).first()
    if existing is not None:
        return _add_territory(existing, stdout)

    parties = {
        key: Party.objects.get_or_create(slug=slug, defaults=defaults)[0]
        for key, slug, defaults in [
            ("az", "azerbaijan", dict(name="Azerbaijan (state forces)", short_name="Azerbaijan",
                                      kind=PartyKind.STATE_FORCES, color="#0072b2")),
            ("am", "armenia", dict(name="Armenia (state forces)", short_name="Armenia",
                                   kind=PartyKind.STATE_FORCES, color="#d55e00")),
            ("nk", "nk-authorities", dict(name="Nagorno-Karabakh authorities", short_name="NK authorities",
                                          kind=PartyKind.DE_FACTO_AUTHORITY, color="#e69f00")),
        ]
    }
    az, am, nk = parties["az"], parties["am"], parties["nk"]

    conflict = Conflict.objects.create(
        slug=SLUG,
        name="Nagorno-Karabakh war, 2020",
        description=(
            "Fighting between Azerbaijan and the ethnic-Armenian Nagorno-Karabakh authorities, "
            "backed by Armenia, that began on 27 September 2020 and ended with the ceasefire of "
            "10 November 2020; the districts it returned were handed over until 1 December 2020."
        ),
        start_date=D(2020, 9, 27),
        end_date=demo_territory.LAST,
        extent=Polygon.from_bbox(EXTENT),
    )
    conflict.extent.srid = 4326
    conflict.save()
    conflict.parties.set([az, am, nk])
    demo_territory.load(conflict, parties)

    voa = Source.objects.get_or_create(
        url="https://www.voanews.com/",
        title="Heavy Fighting by Armenia, Azerbaijan Around Nagorno-Karabakh",
        defaults=dict(outlet="VOA News", published_on=D(2020, 10, 3)),
    )[0]

    stepanakert = _place(
        "stepanakert", "Stepanakert", PlaceKind.CITY, 39.8153, 46.7519,
        [("Khankendi", "en", "Azerbaijani government", NameRole.BRACKET),
         ("Xankəndi", "az", "Azerbaijani government", NameRole.PRIMARY),
         ("Ստեփանակերտ", "hy", "Nagorno-Karabakh and Armenian authorities", NameRole.PRIMARY)],
    )
    madagiz = _place(
        "madagiz", "Madagiz", PlaceKind.TOWN, 40.3314, 46.7294,
        [("Sugovushan", "en", "Azerbaijani government", NameRole.BRACKET),
         ("Suqovuşan", "az", "Azerbaijani government", NameRole.PRIMARY),
         ("Մատաղիս", "hy", "Nagorno-Karabakh and Armenian authorities", NameRole.PRIMARY),
         ("Mataghis", "hy-Latn", "Nagorno-Karabakh and Armenian authorities", NameRole.OTHER)],
    )
    front = _point(40.0, 46.9)  # the line of contact, for reports that name no place

    for place in (stepanakert, madagiz):
        ControlChange.objects.create(state=PUBLISHED,
            place=place, conflict=conflict, party=nk, date=conflict.start_date,
            confirmed=True,
            confirmation_note="Held since the war of the 1990s: a matter of record, recalled by VOA News on 3 October 2020.",
            note="Held by the Nagorno-Karabakh authorities since the war of the 1990s, "
                 "as VOA News recalls in its 3 October 2020 report.",
        )
    madagiz_taken = ControlChange.objects.create(state=PUBLISHED,
        place=madagiz, conflict=conflict, party=az, date=D(2020, 10, 3),
        note="Only Azerbaijan's claim is on record; no independent confirmation in the report.",
    )
    Claim.objects.create(state=PUBLISHED,
        control_change=madagiz_taken, claimant_party=az, claimant_name="Ilham Aliyev",
        claimant_role="President of Azerbaijan", source=voa, stance=Stance.ASSERTS,
        claimed_on=D(2020, 10, 3),
        summary="Aliyev said late on 3 October that his troops had hoisted the Azerbaijani flag "
                "in Madagiz and captured several villages (VOA News, 3 Oct 2020).",
    )

    madagiz_event = Event.objects.create(state=PUBLISHED,
        conflict=conflict, external_id="NK2020-DEMO-1", sub_event_type="Government regains territory",
        date=D(2020, 10, 3), point=madagiz.point, geo_precision=GeoPrecision.TOWN, place=madagiz,
        perpetrator=az, target=nk,
        description="Azerbaijani forces said they had taken the town of Madagiz (Sugovushan) "
                    "and several villages.",
    )
    Claim.objects.create(state=PUBLISHED,
        event=madagiz_event, claimant_party=az, claimant_name="Ilham Aliyev",
        claimant_role="President of Azerbaijan", source=voa, stance=Stance.ASSERTS, claimed_on=D(2020, 10, 3),
        summary="Aliyev announced that Azerbaijan's flag was raised over Madagiz (VOA News, 3 Oct 2020).",
    )

    rockets = Event.objects.create(state=PUBLISHED,
        conflict=conflict, external_id="NK2020-DEMO-2", sub_event_type="Shelling/artillery/missile attack",
        date=D(2020, 10, 3), point=stepanakert.point, geo_precision=GeoPrecision.TOWN, place=stepanakert,
        perpetrator=az, target=nk,
        description="Rockets fired toward Stepanakert, a week into the fighting.",
    )
    Claim.objects.create(state=PUBLISHED,
        event=rockets, claimant_party=nk, source=voa, stance=Stance.ASSERTS, claimed_on=D(2020, 10, 3),
        summary="Nagorno-Karabakh's authorities said Azerbaijani forces had once more fired rockets "
                "at Stepanakert, their capital (VOA News, 3 Oct 2020).",
    )

    shelling = Event.objects.create(state=PUBLISHED,
        conflict=conflict, external_id="NK2020-DEMO-3", sub_event_type="Shelling/artillery/missile attack",
        date=D(2020, 10, 3), point=front, geo_precision=GeoPrecision.REGION,
        perpetrator=am, target=az, civilian_targeting=True,
        description="Shelling of civilian areas in Azerbaijan. The report names no location; "
                    "shown at the line of contact.",
    )
    Claim.objects.create(state=PUBLISHED,
        event=shelling, claimant_party=az, claimant_name="Ministry of Defence",
        claimant_role="Azerbaijan", source=voa, stance=Stance.ASSERTS, claimed_on=D(2020, 10, 3),
        summary="Azerbaijan's defence ministry accused Armenian forces of shelling civilian "
                "territory (VOA News, 3 Oct 2020).",
    )
    Claim.objects.create(state=PUBLISHED,
        event=shelling, claimant_party=az, claimant_name="Azerbaijani authorities", source=voa,
        stance=Stance.ASSERTS, claimed_on=D(2020, 10, 3),
        summary="Azerbaijani officials put the civilian toll since the fighting began at 19 dead "
                "and 55 wounded; they gave no military figures (VOA News, 3 Oct 2020).",
        killed_civilians=19, wounded_civilians=55, casualties_of=az,
    )

    planes = Event.objects.create(state=PUBLISHED,
        conflict=conflict, external_id="NK2020-DEMO-4", sub_event_type="Disrupted weapons use",
        date=D(2020, 10, 3), point=front, geo_precision=GeoPrecision.REGION,
        perpetrator=am, target=az,
        description="Three Azerbaijani aircraft reported shot down. The report names no location; "
                    "shown at the line of contact.",
    )
    Claim.objects.create(state=PUBLISHED,
        event=planes, claimant_party=am, claimant_name="Shushan Stepanian",
        claimant_role="Spokesperson, Armenian Ministry of Defence", source=voa, stance=Stance.ASSERTS,
        claimed_on=D(2020, 10, 3),
        summary="Stepanian said Armenian forces had brought down three Azerbaijani planes "
                "(VOA News, 3 Oct 2020).",
    )
    Claim.objects.create(state=PUBLISHED,
        event=planes, claimant_party=az, claimant_name="Ministry of Defence", claimant_role="Azerbaijan",
        source=voa, stance=Stance.DENIES, claimed_on=D(2020, 10, 3),
        summary="Azerbaijan's defence ministry said none of its planes had been shot down "
                "(VOA News, 3 Oct 2020).",
    )

    clashes = Event.objects.create(state=PUBLISHED,
        conflict=conflict, external_id="NK2020-DEMO-5", sub_event_type="Armed clash",
        date=D(2020, 10, 3), time_precision=DatePrecision.DAY, point=front, geo_precision=GeoPrecision.REGION,
        perpetrator=az, target=nk,
        description="Heavy fighting along the line of contact; a large Azerbaijani attack reported repelled.",
    )
    Claim.objects.create(state=PUBLISHED,
        event=clashes, claimant_party=am, claimant_name="Shushan Stepanian",
        claimant_role="Spokesperson, Armenian Ministry of Defence", source=voa, stance=Stance.ASSERTS,
        claimed_on=D(2020, 10, 3),
        summary="The Armenian defence ministry described intense fighting on the whole front and said "
                "Karabakh forces had repelled a major Azerbaijani offensive (VOA News, 3 Oct 2020).",
    )
    Claim.objects.create(state=PUBLISHED,
        event=clashes, claimant_party=nk, claimant_name="Vahram Poghosyan",
        claimant_role="Spokesperson for the Nagorno-Karabakh president", source=voa, stance=Stance.ASSERTS,
        claimed_on=D(2020, 10, 3),
        summary="Poghosyan wrote on Facebook that, according to intelligence, some 3,000 Azerbaijanis "
                "had died in the fighting; he gave no details (VOA News, 3 Oct 2020).",
        killed_combatants=3000, figure_qualifier=FigureQualifier.ABOUT, casualties_of=az,
    )
    Claim.objects.create(state=PUBLISHED,
        event=clashes, claimant_party=am, claimant_name="Artsrun Ovannisian",
        claimant_role="Spokesperson, Armenian Ministry of Defence", source=voa, stance=Stance.ASSERTS,
        claimed_on=D(2020, 10, 3),
        summary="Ovannisian put Azerbaijani military deaths at 2,300, about 400 of them on the previous "
                "day; VOA notes the figure cannot be verified (VOA News, 3 Oct 2020).",
        killed_combatants=2300, figure_qualifier=FigureQualifier.ABOUT, casualties_of=az,
    )
    Claim.objects.create(state=PUBLISHED,
        event=clashes, claimant_party=nk, claimant_name="Nagorno-Karabakh officials", source=voa,
        stance=Stance.ASSERTS, claimed_on=D(2020, 10, 3),
        summary="Karabakh officials said more than 150 of their soldiers had died so far "
                "(VOA News, 3 Oct 2020).",
        killed_combatants=150, figure_qualifier=FigureQualifier.AT_LEAST, casualties_of=nk,
    )
    if stdout is not None:
        stdout.write(f"Loaded demo conflict {SLUG}.")
    return True


def _add_territory(conflict, stdout):
    if conflict.end_date != OLD_END or conflict.territory_series.exists():
        return False
    conflict.end_date = demo_territory.LAST
    if conflict.extent is not None and conflict.extent.extent == OLD_EXTENT:
        conflict.extent = Polygon.from_bbox(EXTENT)
        conflict.extent.srid = 4326
    conflict.save()
    parties = {key: conflict.parties.filter(slug=slug).first()
               for key, slug in (("az", "azerbaijan"), ("am", "armenia"), ("nk", "nk-authorities"))}
    if None in parties.values():
        return False
    demo_territory.load(conflict, parties)
    if stdout is not None:
        stdout.write(f"Added the territory to the demo conflict {SLUG}.")
    return True


def _place(slug, name, kind, lat, lon, alternates):
    place, _ = Place.objects.get_or_create(slug=slug, defaults=dict(name=name, kind=kind, point=_point(lat, lon)))
    for alt_name, language, used_by, role in alternates:
        AlternateName.objects.get_or_create(
            place=place, name=alt_name, language=language, defaults=dict(used_by=used_by, role=role)
        )
    return place
