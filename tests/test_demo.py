from django.core.management import call_command

from geodata.models import Claim, Conflict, ControlChange, Event, Place


def counts():
    return [m.objects.count() for m in (Conflict, Place, ControlChange, Event, Claim)]


def test_it_loads_the_demo_once(db):
    call_command("load_demo")
    first = counts()
    assert first[0] == 1 and all(first)
    call_command("load_demo")
    assert counts() == first


def test_it_keeps_editors_changes_on_reload(demo):
    place = Place.objects.get(slug="madagiz")
    place.name = "Madagiz (edited)"
    place.save()
    Event.objects.filter(external_id="NK2020-DEMO-2").delete()
    call_command("load_demo")
    assert Place.objects.get(slug="madagiz").name == "Madagiz (edited)"
    assert not Event.objects.filter(external_id="NK2020-DEMO-2").exists()


def test_madagiz_changes_hands_on_3_october(demo):
    madagiz = Place.objects.get(slug="madagiz")
    before = Place.objects.with_controller_at("2020-10-02", demo).get(pk=madagiz.pk)
    after = Place.objects.with_controller_at("2020-10-03", demo).get(pk=madagiz.pk)
    assert demo.parties.get(pk=before.controller_id).slug == "nk-authorities"
    assert demo.parties.get(pk=after.controller_id).slug == "azerbaijan"
    claim = ControlChange.objects.get(pk=after.control_change_id).claims.get()
    assert claim.claimant_name == "Ilham Aliyev"


def test_stepanakert_is_held_by_the_nk_authorities(demo):
    step = Place.objects.with_controller_at("2020-10-03", demo).get(slug="stepanakert")
    assert demo.parties.get(pk=step.controller_id).slug == "nk-authorities"
    assert Place.objects.get(slug="stepanakert").display_name == "Stepanakert (Khankendi)"


def test_the_downed_planes_claim_is_disputed(demo):
    planes = Event.objects.with_verification().get(external_id="NK2020-DEMO-4")
    assert planes.verification == "disputed"
    assert sorted(planes.claims.values_list("stance", flat=True)) == ["asserts", "denies"]


def test_casualty_claims_keep_their_claimants(demo):
    clashes = Event.objects.get(external_id="NK2020-DEMO-5")
    figures = {c.claimant_name: c.killed_combatants for c in clashes.claims.all() if c.killed_combatants}
    assert figures == {"Vahram Poghosyan": 3000, "Artsrun Ovannisian": 2300, "Nagorno-Karabakh officials": 150}

