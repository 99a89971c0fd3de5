"""The territory admin: add and change pages, drawing through the form, copy and edit, workflow, locking, overlaps."""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from geodata.admin.territory import overlaps_with
from geodata.models import Claim, Correction, TerritoryVersion
from geodata.public import public_corrections
from tests.helpers import factories as f
from tests.helpers import territory
from tests.helpers import territory_edit as t
from tests.helpers.adminforms import form_data
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db

ADD = "/admin/geodata/territoryversion/add/"
LIST = "/admin/geodata/territoryversion/"


def change_url(obj):
    return f"/admin/geodata/{obj._meta.model_name}/{obj.pk}/change/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice():
    return login(editor())


@pytest.fixture
def armenia_held(world):
    return t.series(world.conflict, world.alpha, name="Alpha held")


def claims_management(total=0, initial=0):
    return {"claims-TOTAL_FORMS": str(total), "claims-INITIAL_FORMS": str(initial),
            "claims-MIN_NUM_FORMS": "0", "claims-MAX_NUM_FORMS": "1000"}


def add_data(series, day, geom=None, **extra):
    return {"series": series.pk, "valid_from": day, "date_precision": 1,
            "geometry": t.widget_value(geom) if geom is not None else "", "geometry_note": "",
            **claims_management(), **extra}


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("model", ["territoryseries", "territoryversion"])
def test_it_opens_the_list_and_add_pages(alice, model):
    assert alice.get(f"/admin/geodata/{model}/").status_code == 200
    assert alice.get(f"/admin/geodata/{model}/add/").status_code == 200


def test_it_opens_the_change_pages_with_the_map_widget(alice, armenia_held):
    v = t.version(armenia_held, "2020-10-01")
    html = alice.get(change_url(v)).content.decode()
    assert 'id="id_geometry-map"' in html and "js/admin/territory_admin.js" in html
    assert "Start a new version from this one" in html and f"copy_from={v.pk}" in html
    series_page = alice.get(change_url(armenia_held)).content.decode()
    assert "2020-10-01" in series_page and "draft" in series_page


def test_it_adds_a_drawn_version_and_shows_the_repair_note_after_the_save(alice, armenia_held):
    clockwise = t.square(46.9, 39.5)
    clockwise = type(clockwise)([type(p)(tuple(reversed(p.exterior_ring.coords))) for p in clockwise], srid=4326)
    response = alice.post(ADD, add_data(armenia_held, "2020-10-04", clockwise), follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    v = TerritoryVersion.objects.get()
    assert v.state == "draft" and v.version == 1 and v.created_by is not None
    assert v.geometry[0].exterior_ring.is_counterclockwise
    assert any("re-oriented (right-hand rule)" in m for m in messages_of(response))
    assert "re-oriented (right-hand rule)" in alice.get(change_url(v)).content.decode()


def test_it_gives_no_repair_message_for_a_clean_area(alice, armenia_held):
    response = alice.post(ADD, add_data(armenia_held, "2020-10-04", t.square(46.9, 39.5)), follow=True)
    assert response.redirect_chain
    assert not [m for m in messages_of(response) if "repaired" in m]


def test_it_asks_for_an_area_drawn_or_uploaded(alice, armenia_held):
    response = alice.post(ADD, add_data(armenia_held, "2020-10-04"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["geometry"] == ["Draw the area on the map, or upload it from a file."]
    assert not TerritoryVersion.objects.exists()


def test_it_refuses_a_date_outside_the_conflict_with_a_form_error(alice, armenia_held):
    response = alice.post(ADD, add_data(armenia_held, "2019-01-01", t.square(46.9, 39.5)))
    assert "outside the conflict" in str(response.context["adminform"].form.errors)


def test_it_saves_a_version_with_its_claim_inline(alice, armenia_held, world):
    source = f.source()
    data = add_data(armenia_held, "2020-10-04", t.square(46.9, 39.5), **claims_management(total=1))
    data.update({"claims-0-claimant_party": world.alpha.pk, "claims-0-source": source.pk,
                 "claims-0-stance": "asserts", "claims-0-figure_qualifier": "exact",
                 "claims-0-summary": "Says its forces hold the district."})
    assert alice.post(ADD, data).status_code == 302
    claim = Claim.objects.get()
    assert claim.territory_version == TerritoryVersion.objects.get() and claim.state == "draft"


# --- copy and edit -------------------------------------------------------------------------------------------


def test_it_prefills_the_add_form_from_the_previous_version(alice, armenia_held):
    source = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5), date_precision=2)
    response = alice.get(f"{ADD}?copy_from={source.pk}")
    form = response.context["adminform"].form
    assert form.initial["series"] == armenia_held.pk and form.initial["date_precision"] == 2
    assert form.initial["geometry"].equals(source.geometry)
    data = form_data(response)
    assert data["series"] == str(armenia_held.pk) and data["copied_from"] == str(source.pk)
    assert json.loads(data["geometry"])["type"] == "MultiPolygon"  # the widget starts from the old area

    data.update(valid_from="2020-10-01", **claims_management())
    refused = alice.post(ADD, data)
    assert "must differ from the version it was copied from (2020-10-01)" in str(refused.context["adminform"].form.errors)

    moved = t.square(46.95, 39.5)  # the editor moves the line on the map
    data.update(valid_from="2020-10-09", geometry=t.widget_value(moved))
    assert alice.post(ADD, data).status_code == 302
    new = TerritoryVersion.objects.get(valid_from=datetime.date(2020, 10, 9))
    assert new.series == armenia_held and new.geometry.equals_exact(moved, 1e-9)
    assert "Started from the version of 2020-10-01" in new.geometry_note
    source.refresh_from_db()
    assert source.geometry.equals_exact(t.square(46.9, 39.5), 1e-9) and source.version == 1


def test_the_action_starts_a_new_version_from_the_selected_one(alice, armenia_held):
    v = t.version(armenia_held, "2020-10-01")
    response = alice.post(LIST, {"action": "start_new_version", "_selected_action": [v.pk]})
    assert response.status_code == 302 and response["Location"] == f"{ADD}?copy_from={v.pk}"
    other = t.version(armenia_held, "2020-10-02")
    response = alice.post(LIST, {"action": "start_new_version", "_selected_action": [v.pk, other.pk]}, follow=True)
    assert "Select exactly one version" in " ".join(messages_of(response))


# --- previous version and overlaps on the change page --------------------------------------------------------


def layers_on(html):
    return json.loads(html.split('<script id="territory-previous" type="application/json">')[1].split("</script>")[0])


def test_the_change_page_shows_the_previous_version_and_the_km2_gained_and_lost(alice, armenia_held):
    first = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5), state="published")
    t.version(armenia_held, "2020-10-05", t.square(47.5, 39.5), state="withdrawn")  # off the map: skipped
    t.version(armenia_held, "2020-10-07", t.square(47.5, 39.5))  # a draft: not the public baseline
    second = t.version(armenia_held, "2020-10-09", t.square(46.95, 39.5))  # moved east by 0.05°
    html = alice.get(change_url(second)).content.decode()
    assert f'from <a href="/admin/geodata/territoryversion/{first.pk}/change/">2020-10-01</a>' in html
    half = territory.box_km2(46.9, 39.5, 46.95, 39.6)  # each side's strip, from an independent formula
    assert f"{half:,.1f} km² gained" in html and f"{half:,.1f} km² lost" in html
    layers = {f["properties"]["role"]: f for f in layers_on(html)["features"]}
    assert layers["previous"]["properties"]["label"] == "Previous version, from 2020-10-01"
    assert layers["previous"]["geometry"]["coordinates"][0][0][0] == [46.9, 39.5]
    assert layers["gained"]["geometry"]["type"] == layers["lost"]["geometry"]["type"] == "MultiPolygon"
    first_page = alice.get(change_url(first)).content.decode()
    assert "No published version of this series before 2020-10-01" in first_page
    assert [f["properties"]["role"] for f in layers_on(first_page)["features"]] == ["gained"]


def test_it_warns_when_the_held_area_overlaps_another_partys_on_that_day(alice, world, armenia_held):
    bravo_held = t.series(world.conflict, world.bravo, name="Bravo held")
    t.version(bravo_held, "2020-09-30", t.square(46.95, 39.5))  # in force on 2020-10-01: half overlaps
    t.version(bravo_held, "2020-10-20", t.square(48, 39.5))  # later: not on that day
    mine = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5))
    html = alice.get(change_url(mine)).content.decode()
    assert "cm-warning" in html and "on 2020-10-01 this held area overlaps" in html
    (clash,) = overlaps_with(mine)
    assert {clash.party_a, clash.party_b} == {world.alpha.pk, world.bravo.pk}
    assert clash.area_km2 == pytest.approx(territory.box_km2(46.95, 39.5, 47.0, 39.6), rel=1e-3)
    assert f"<li>Bravo: {clash.area_km2:,.2f} km²</li>" in html


def test_it_does_not_warn_without_overlap_or_for_a_withdrawn_or_own_area(alice, world, armenia_held):
    bravo_held = t.series(world.conflict, world.bravo, name="Bravo held")
    t.version(bravo_held, "2020-09-30", t.square(46.95, 39.5), state="withdrawn")
    t.version(t.series(world.conflict, world.alpha, name="Alpha north"), "2020-09-30", t.square(46.95, 39.5))
    t.version(t.series(world.conflict, None, kind="contested"), "2020-09-30", t.square(46.95, 39.5))
    t.version(bravo_held, "2020-09-29", t.square(47.0, 39.5))  # touches the edge only: no area in common
    mine = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5))
    assert overlaps_with(mine) == []
    html = alice.get(change_url(mine)).content.decode()
    assert "No overlap with another party&#x27;s held area on 2020-10-01" in html and "cm-warning" not in html


def test_it_warns_only_on_the_version_whose_own_area_overlaps(alice, world, armenia_held):
    t.version(t.series(world.conflict, world.bravo), "2020-09-30", t.square(47.5, 39.5))
    t.version(t.series(world.conflict, world.alpha, name="Alpha east"), "2020-09-30", t.square(47.55, 39.5))
    mine = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5))  # far from Bravo's area
    assert overlaps_with(mine) == []


# --- workflow, locking, corrections --------------------------------------------------------------------------


def act(client, action, versions, note=""):
    return client.post(LIST, {
        "action": action, "_selected_action": [v.pk for v in versions], "note": note,
        **{f"_seen_version_{v.pk}": v.version for v in versions},
    }, follow=True)


def test_the_workflow_actions_move_a_version_to_published_and_withdrawn(armenia_held):
    author, chief = login(editor()), login(reviewer())
    v = t.version(armenia_held, "2020-10-01")
    act(author, "submit_for_review", [v])
    v.refresh_from_db()
    assert v.state == "in_review"
    act(chief, "publish", [v])
    v.refresh_from_db()
    assert v.state == "published"
    response = act(chief, "withdraw", [v], note="The line was drawn from a misread map.")
    v.refresh_from_db()
    assert v.state == "withdrawn", messages_of(response)
    log = Correction.objects.get(territory_version=v)
    assert log.kind == "withdrawn" and log.record_label == "Territory (held of Alpha) from 2020-10-01"
    assert log.conflict == armenia_held.conflict and public_corrections().filter(pk=log.pk).exists()


def test_an_editor_cannot_publish(alice, armenia_held):
    v = t.version(armenia_held, "2020-10-01", state="in_review")
    # Editors are not offered the reviewers' actions (tests/test_review_queue.py); a forged POST changes nothing.
    act(alice, "publish", [v])
    v.refresh_from_db()
    assert v.state == "in_review"


def test_a_stale_row_on_the_list_is_refused(armenia_held):
    chief = login(reviewer())
    v = t.version(armenia_held, "2020-10-01", state="in_review")
    seen = v.version
    v.geometry_note = "edited meanwhile"
    v.save()
    response = chief.post(LIST, {"action": "send_back", "_selected_action": [v.pk], "note": "redo",
                                 f"_seen_version_{v.pk}": seen}, follow=True)
    assert "Nothing was changed" in " ".join(messages_of(response))
    v.refresh_from_db()
    assert v.state == "in_review"


def test_the_second_of_two_saves_is_refused_and_the_first_kept(armenia_held):
    alice, bob = login(editor()), login(editor())
    v = t.version(armenia_held, "2020-10-01", t.square(46.9, 39.5))
    alice_form, bob_form = form_data(alice.get(change_url(v))), form_data(bob.get(change_url(v)))
    alice_form["geometry"] = t.widget_value(t.square(46.92, 39.5))
    assert alice.post(change_url(v), alice_form).status_code == 302
    bob_form["geometry"] = t.widget_value(t.square(46.8, 39.5))
    response = bob.post(change_url(v), bob_form)
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    v.refresh_from_db()
    assert v.version == 2 and v.geometry.equals_exact(t.square(46.92, 39.5), 1e-9)


def test_changing_a_published_version_needs_a_reviewer_and_a_public_note(armenia_held):
    v = t.version(armenia_held, "2020-10-01", state="published")
    alice = login(editor())
    data = form_data(alice.get(change_url(v)))
    data["geometry"] = t.widget_value(t.square(46.92, 39.5))
    assert "only a reviewer can change it" in alice.post(change_url(v), data).content.decode()
    chief = login(reviewer())
    data = form_data(chief.get(change_url(v)))
    data["geometry"] = t.widget_value(t.square(46.92, 39.5))
    assert "say what you corrected" in chief.post(change_url(v), data).content.decode()
    data["correction_note"] = "The eastern edge followed the wrong river."
    assert chief.post(change_url(v), data).status_code == 302
    assert Correction.objects.get(territory_version=v).note == "The eastern edge followed the wrong river."


def test_the_history_page_lists_the_geometry_change(alice, armenia_held):
    v = t.version(armenia_held, "2020-10-01")
    data = form_data(alice.get(change_url(v)))
    data["valid_from"] = "2020-10-02"
    assert alice.post(change_url(v), data).status_code == 302
    html = alice.get(f"/admin/geodata/territoryversion/{v.pk}/history/").content.decode()
    assert "2020-10-01" in html and "2020-10-02" in html


def test_a_correction_of_a_hidden_version_is_not_public(armenia_held):
    v = t.version(armenia_held, "2020-10-01", state="published")
    log = Correction.log(v, "Fixed the line.")
    assert public_corrections().filter(pk=log.pk).exists()
    TerritoryVersion.objects.filter(pk=v.pk).update(state="in_review")
    assert not public_corrections().filter(pk=log.pk).exists()


def test_the_claims_list_opens_a_claim_on_a_territory_version(alice, armenia_held, world):
    v = t.version(armenia_held, "2020-10-01")
    claim = f.claim(v, world.alpha, state="draft", summary="Says it holds the district.")
    assert str(v) in alice.get("/admin/geodata/claim/").content.decode()
    html = alice.get(change_url(claim)).content.decode()
    assert 'name="territory_version"' in html and f'value="{v.pk}" selected' in html
