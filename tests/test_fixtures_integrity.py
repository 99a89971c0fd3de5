"""The fixtures the canary and XSS tests rely on do what they promise."""

import pytest

from geodata.models import Claim, ControlChange, Event, Place, TerritoryVersion


@pytest.mark.django_db
def test_unpublished_markers_are_hidden_from_every_public_queryset(unpublished_markers):
    data = unpublished_markers
    assert len(data["markers"]) == len(set(data["markers"])) > 40
    for pk in data["ids"]["event"]:
        assert not Event.objects.published().filter(pk=pk).exists()
    for pk in data["ids"]["controlchange"]:
        assert not ControlChange.objects.published().filter(pk=pk).exists()
    for pk in data["ids"]["claim"]:
        assert not Claim.objects.published().filter(pk=pk).exists()
    assert len(data["ids"]["territoryversion"]) == 4
    assert not TerritoryVersion.objects.published().filter(pk__in=data["ids"]["territoryversion"]).exists()
    assert all(TerritoryVersion.objects.get(pk=pk).geometry_note in ms
               for (kind, pk), ms in data["by_record"].items() if kind == "territoryversion")
    # ... but they are really there, carrying their markers
    texts = " ".join(
        " ".join(str(v) for v in row)
        for row in Claim.objects.values_list("summary", "claimant_name", "claimant_role", "review_comment")
    )
    assert all(marker in texts for kind_pk, ms in data["by_record"].items() if kind_pk[0] == "claim" for marker in ms)
    assert Event.objects.filter(pk__in=data["ids"]["event"]).count() == 3
    # the public state of the demo is unchanged by the hidden records
    step = Place.objects.with_controller_at("2020-10-25", data["conflict"]).get(slug="stepanakert")
    assert step.controller_id == data["conflict"].parties.get(slug="nk-authorities").pk
    public = Event.objects.published().get(external_id="NK2020-DEMO-2")
    assert all(row["killed_civilians"] not in data["numbers"]
               for row in public.claims.published().conservative_figures())


def test_xss_payloads_cover_the_usual_vectors(xss_payloads):
    corpus = " ".join(xss_payloads)
    for vector in ("<script", "onerror=", "javascript:", "<svg", "onload=", "</textarea>"):
        assert vector in corpus
