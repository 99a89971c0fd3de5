"""Demo territory of the 2020 war: who held which area from 27 September to 1 December 2020.

The areas are unions of the zones in demodata/nk2020-territory-zones.geojson (approximations drawn by us
from public reporting, made by scripts/demo_territory_zones.py), so the line between the two held areas
is one shared boundary. Every change is attributed: who claimed it, where it was reported, and who denied
it. Summaries are in our own words.
"""

import datetime
import json
import pathlib

import shapely
from django.contrib.gis.geos import GEOSGeometry

from .choices import Stance
from .editorial.states import State
from .models import Claim, Source, TerritorySeries, TerritoryVersion
from .models.territory import SLIVER_AREA, TerritoryKind

D = datetime.date
ZONES_FILE = pathlib.Path(__file__).resolve().parent / "demodata" / "nk2020-territory-zones.geojson"
FIRST, LAST = D(2020, 9, 27), D(2020, 12, 1)
NOTE = (
    "Approximation drawn by conflictmap from public reporting (news reports and official statements), "
    "not surveyed: district and front lines are rough, to within several kilometres."
)

# (url, outlet, title, published_on)
SOURCES = {
    "voa": ("https://www.voanews.com/", "VOA News",
            "Heavy Fighting by Armenia, Azerbaijan Around Nagorno-Karabakh", D(2020, 10, 3)),
    "azertag-jabrayil": (
        "https://azertag.az/en/xeber/President_Ilham_Aliyev_congratulates_people_of_Azerbaijan_on_liberation_"
        "of_Jabrayil_city_and_9_villages_of_Jabrayil_district_from_occupation-1603837", "AZERTAC",
        "President Ilham Aliyev congratulates people of Azerbaijan on liberation of Jabrayil city and 9 villages "
        "of Jabrayil district from occupation", D(2020, 10, 4)),
    "isw-hadrut": ("https://english.iswnews.com/15685/armenia-denied-azerbaijan-control-over-hadrut/", "ISWNews",
                   "Armenia denied Azerbaijan control over Hadrut", D(2020, 10, 10)),
    "hyetert-poghosyan": (
        "https://hyetert.org/2020/10/09/artsakh-denies-azerbaijani-claims-on-capturing-hadrut-as-nonsense/",
        "Hyetert", "Artsakh denies Azerbaijani claims on capturing Hadrut as 'nonsense'", D(2020, 10, 9)),
    "hyetert-stepanyan": (
        "https://hyetert.org/2020/10/09/azerbaijans-leadership-not-aware-of-situation-defense-ministry-"
        "releases-video-from-hadrut/", "Hyetert",
        "Azerbaijan's leadership not aware of situation: Defense Ministry releases video from Hadrut", D(2020, 10, 9)),
    "sabah-fuzuli": ("https://www.dailysabah.com/politics/azerbaijan-liberates-city-of-fuzuli-7-villages-in-"
                     "nagorno-karabakh/news", "Daily Sabah",
                     "Azerbaijan liberates city of Fuzuli, 7 villages in Nagorno-Karabakh", D(2020, 10, 17)),
    "anews-zangilan": (
        "https://www.anews.com.tr/world/2020/10/20/aliyev-announces-liberation-of-zangilan-city-and-several-"
        "villages-from-armenian-occupation", "A News (Anadolu Agency)",
        "Aliyev announces liberation of Zangilan city and several villages from Armenian occupation", D(2020, 10, 20)),
    "azernews-gubadli": ("https://azernews.az/nation/171411.html", "Azernews",
                         "Azerbaijan liberates Gubadli city, new villages from Armenian occupation", D(2020, 10, 26)),
    "alarabiya-shusha": (
        "https://english.alarabiya.net/en/News/world/2020/11/08/Azerbaijan-says-it-has-captured-Nagorno-"
        "Karabakh-town-of-Shusha", "Al Arabiya (AFP)",
        "Azerbaijan says it has captured Nagorno-Karabakh town of Shusha", D(2020, 11, 8)),
    "unian-shusha": ("https://www.unian.info/world/nagorno-karabakh-aliyev-says-key-city-of-shusha-captured-"
                     "11211161.html", "UNIAN", "Nagorno-Karabakh: Aliyev says key city of Shusha captured",
                     D(2020, 11, 8)),
    "yerepouni-shushi": (
        "https://www.yerepouni-news.com/2020/11/09/artsakh-spokesperson-shushi-is-completely-out-of-our-control-"
        "the-enemy-is-on-stepanakert-outskirts/", "Yerepouni Daily News",
        "Artsakh spokesperson: Shushi is completely out of our control, the enemy is on Stepanakert outskirts",
        D(2020, 11, 9)),
    "statement": (
        "https://www.primeminister.am/en/press-release/item/2020/11/10/Announcement/%20%20%20%20%20%20%20%20%20"
        "statement", "Government of Armenia",
        "Statement by the Prime Minister of the Republic of Armenia, the President of the Republic of Azerbaijan "
        "and the President of the Russian Federation", D(2020, 11, 10)),
    "aljazeera-aghdam": ("https://www.aljazeera.com/news/2020/11/20/azerbaijan-army-enters-district-handed-over-by-armenia",
                         "Al Jazeera", "Azerbaijan army enters district handed over by Armenia", D(2020, 11, 20)),
    "qadin-kalbajar": ("https://qadin.net/en/news/print:page,1,112711-kalbajar-handed-over-to-azerbaijan-under-"
                       "the-control-of-russian-peacekeepers-vdeo.html", "Qadin.NET (citing TASS)",
                       "Kalbajar handed over to Azerbaijan under the control of Russian peacekeepers - VIDEO",
                       D(2020, 11, 26)),
    "yjc-lachin": ("https://www.yjc.ir/en/news/49549/azerbaijani-forces-take-over-last-nagorno-karabakh-region-per-"
                   "truce-deal", "Young Journalists Club",
                   "Azerbaijani forces take over last Nagorno-Karabakh region per truce deal", D(2020, 12, 1)),
}

ALIYEV = dict(party="az", name="Ilham Aliyev", role="President of Azerbaijan")
AZ_MOD = dict(party="az", name="Ministry of Defence", role="Azerbaijan")


def claim(who, stance, source, claimed_on, summary):
    return dict(who=who, stance=stance, source=source, claimed_on=claimed_on, summary=summary)


# Each change: the date, the zones Azerbaijan gained, a note on the date, and the claims behind it.
CHANGES = [
    (D(2020, 10, 3), ["sugovushan"], "", [
        claim(ALIYEV, Stance.ASSERTS, "voa", D(2020, 10, 3),
              "Aliyev said on the evening of 3 October that his forces had raised the flag over Madagiz "
              "(Sugovushan) and taken several villages; the report has no independent confirmation."),
    ]),
    (D(2020, 10, 4), ["jabrayil-east"], "", [
        claim(ALIYEV, Stance.ASSERTS, "azertag-jabrayil", D(2020, 10, 4),
              "In an address to the nation Aliyev announced that the town of Jabrayil and nine villages of "
              "its district had been taken."),
    ]),
    (D(2020, 10, 17), ["fuzuli", "hadrut"],
     "Hadrut is counted from this date: Azerbaijan's claim of 9 October was denied at the time (see the "
     "claimed-advance series), and by 20 October it was reported among the places Azerbaijan had announced; the exact "
     "day it fell is not known.", [
        claim(ALIYEV, Stance.ASSERTS, "sabah-fuzuli", D(2020, 10, 17),
              "Aliyev told the nation that the town of Fuzuli and seven villages of the district had been taken "
              "after hard fighting."),
        claim(ALIYEV, Stance.ASSERTS, "anews-zangilan", None,
              "By 20 October Aliyev had announced Hadrut as taken, along with Jabrayil and Fuzuli, as the "
              "agency's report of that day recalls."),
    ]),
    (D(2020, 10, 20), ["zangilan", "jabrayil-west"], "", [
        claim(ALIYEV, Stance.ASSERTS, "anews-zangilan", D(2020, 10, 20),
              "Aliyev announced in a televised address that Zangilan and villages of the Zangilan, Jabrayil, "
              "Fuzuli and Khojavend districts had been taken."),
    ]),
    (D(2020, 10, 25), ["gubadli"], "", [
        claim(ALIYEV, Stance.ASSERTS, "azernews-gubadli", None,
              "Aliyev wrote that the town of Gubadli and villages of three districts had been taken; Azernews "
              "reported it on 26 October."),
    ]),
    (D(2020, 11, 8), ["shusha"], "", [
        claim(ALIYEV, Stance.ASSERTS, "alarabiya-shusha", D(2020, 11, 8),
              "In a televised address Aliyev declared that Shusha had been taken, while Armenian officials "
              "still spoke of heavy fighting for the town."),
        claim(dict(party="am", name="Artsrun Hovhannisyan", role="Armenian Ministry of Defence"), Stance.DENIES,
              "unian-shusha", D(2020, 11, 8),
              "Hovhannisyan wrote that the battle for Shushi was still going on and asked Armenians to trust "
              "their forces."),
        claim(dict(party="nk", name="Vahram Poghosyan", role="Spokesperson for the Nagorno-Karabakh president"),
              Stance.ASSERTS, "yerepouni-shushi", D(2020, 11, 9),
              "A day later Poghosyan admitted that Shushi was entirely out of Armenian control and that "
              "Azerbaijani forces were near Stepanakert."),
    ]),
    (D(2020, 11, 10), ["khojavend-south"],
     "The line of the ceasefire: the positions frozen by the statement of 10 November, after the villages "
     "south of Martuni and east of Shusha taken in the last two days of fighting.", [
        claim(dict(party=None, name="Nikol Pashinyan, Ilham Aliyev and Vladimir Putin",
                   role="signatories of the ceasefire statement"), Stance.ASSERTS, "statement", D(2020, 11, 10),
              "The trilateral statement stopped the fighting from midnight Moscow time on 10 November, with "
              "both sides staying where they stood, and set dates for handing back Aghdam, Kalbajar and Lachin."),
    ]),
    (D(2020, 11, 20), ["aghdam"], "", [
        claim(AZ_MOD, Stance.ASSERTS, "aljazeera-aghdam", D(2020, 11, 20),
              "Azerbaijan's defence ministry said its units had entered Aghdam district, the first of the three "
              "districts to be handed back under the ceasefire."),
    ]),
    (D(2020, 11, 25), ["kalbajar"],
     "The statement of 10 November set 15 November for Kalbajar; the handover was put back to 25 November.", [
        claim(dict(party=None, name="Ministry of Defence", role="Russia"),
              Stance.ASSERTS, "qadin-kalbajar", D(2020, 11, 26),
              "Russia's defence ministry, quoted by TASS, said Kalbajar had been handed to Azerbaijan with its "
              "peacekeepers seeing the civilians out safely."),
    ]),
    (D(2020, 12, 1), ["lachin"],
     "The 5 km corridor from Armenia to Stepanakert stays out of the handover, under Russian peacekeepers.", [
        claim(AZ_MOD, Stance.ASSERTS, "yjc-lachin", D(2020, 12, 1),
              "Azerbaijan's defence ministry said its units had entered Lachin district on 1 December, the last "
              "of the three handovers."),
    ]),
]

# The day the held series counts Hadrut as taken (CHANGES above): the claimed advance ends then.
HADRUT_HELD = next(date for date, gained, _note, _claims in CHANGES if "hadrut" in gained)

HADRUT_CLAIMS = [
    claim(ALIYEV, Stance.ASSERTS, "isw-hadrut", D(2020, 10, 9),
          "Aliyev wrote on 9 October that Hadrut and a string of nearby villages had been taken."),
    claim(dict(party="nk", name="Vahram Poghosyan", role="Spokesperson for the Nagorno-Karabakh president"),
          Stance.DENIES, "hyetert-poghosyan", D(2020, 10, 9),
          "Poghosyan called the claim nonsense, saying Azerbaijan's army was tens of kilometres from Hadrut."),
    claim(dict(party="am", name="Shushan Stepanyan", role="Spokesperson, Armenian Ministry of Defence"),
          Stance.DENIES, "hyetert-stepanyan", D(2020, 10, 9),
          "Stepanyan posted a video she said was filmed in Hadrut minutes earlier, to show it was still held."),
]

BASELINE_CLAIM = claim(dict(party=None, name="VOA News", role="reporting"), Stance.ASSERTS, "voa", D(2020, 10, 3),
                       "VOA recalls that Armenian separatists took Nagorno-Karabakh in the war of the 1990s; with "
                       "it the districts around it were held when the fighting began.")


def load_zones():
    doc = json.loads(ZONES_FILE.read_text())
    return {f["id"]: shapely.geometry.shape(f["geometry"]) for f in doc["features"]}


def _multi(shapes):
    union = shapely.union_all(shapes)
    # Neighbouring zones share their edges exactly; a union can still leave holes of ~1e-16 square degrees
    # where float noding differs. Drop those, keep real holes.
    parts = [shapely.Polygon(p.exterior, [h for h in p.interiors if shapely.Polygon(h).area > SLIVER_AREA])
             for p in shapely.get_parts(union)]
    union = shapely.MultiPolygon(parts)
    union = shapely.orient_polygons(union)  # RFC 7946 already, so the cleaning has nothing to repair
    return GEOSGeometry(memoryview(shapely.to_wkb(union)), srid=4326)


def load(conflict, parties):
    """Create the territory series of the demo conflict (called once, when the demo is loaded)."""
    zones = load_zones()
    sources = {key: Source.objects.get_or_create(url=url, defaults=dict(outlet=outlet, title=title,
                                                                         published_on=published))[0]
               for key, (url, outlet, title, published) in SOURCES.items()}
    nk_series = TerritorySeries.objects.create(
        conflict=conflict, slug="nk-held", kind=TerritoryKind.HELD, party=parties["nk"],
        name="Held by the Nagorno-Karabakh authorities and Armenian forces")
    az_series = TerritorySeries.objects.create(
        conflict=conflict, slug="az-taken", kind=TerritoryKind.HELD, party=parties["az"],
        name="Taken by Azerbaijan since 27 September")
    hadrut_series = TerritorySeries.objects.create(
        conflict=conflict, slug="az-claim-hadrut", kind=TerritoryKind.CLAIMED_ADVANCE, party=parties["az"],
        name="Hadrut: Azerbaijan's claim of 9 October")

    held = set(zones)
    taken = set()
    _version(nk_series, FIRST, [zones[z] for z in held], "", [BASELINE_CLAIM], sources, parties)
    for date, gained, note, claims in CHANGES:
        held -= set(gained)
        taken |= set(gained)
        _version(nk_series, date, [zones[z] for z in held], note, claims, sources, parties)
        _version(az_series, date, [zones[z] for z in taken], note, claims, sources, parties)
    _version(
        hadrut_series, D(2020, 10, 9), [zones["hadrut"]],
        "A claimed advance: the area Azerbaijan said it had taken, denied by the Armenian side at the time. "
        f"It ends on {HADRUT_HELD:%-d %B}, when the area is counted as held by Azerbaijan (the held series' "
        "version of that day): from then on the claim is no longer drawn over it.",
        HADRUT_CLAIMS, sources, parties, valid_until=HADRUT_HELD)


def _version(series, date, shapes, note, claims, sources, parties, valid_until=None):
    version = TerritoryVersion.objects.create(
        state=State.PUBLISHED, series=series, valid_from=date, valid_until=valid_until, geometry=_multi(shapes),
        geometry_note=f"{NOTE} {note}".strip())
    for c in claims:
        who = c["who"]
        Claim.objects.create(
            state=State.PUBLISHED, territory_version=version, claimant_party=parties.get(who["party"]),
            claimant_name=who["name"], claimant_role=who["role"], source=sources[c["source"]],
            stance=c["stance"], claimed_on=c["claimed_on"], summary=c["summary"])
    return version
