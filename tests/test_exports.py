"""Exports of published data: /exports/<slug>.csv and .geojson (geodata/exports/)."""

import csv
import io
import json
import subprocess

import pytest
from django.core.management import call_command

from geodata.editorial import State
from geodata.models import Event
from tests.helpers.acled import COLUMNS, row, write

pytestmark = pytest.mark.django_db


def rows_of(response):
    assert response.status_code == 200, response.content[:300]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def imported(tmp_path):
    rows = [
        row(),
        row(event_id_cnty="AZE2", event_date="05 October 2020", location="Hadrut", latitude="39.52",
            longitude="46.99", event_type="Battles", sub_event_type="Armed clash", fatalities="0",
            actor2="", inter2=""),
    ]
    call_command("import_acled", write(tmp_path, rows, COLUMNS), conflict="war-a", create_conflict=True,
                 publish=True)


def test_it_round_trips_the_acled_csv(client, tmp_path, imported):
    first = rows_of(client.get("/exports/war-a.csv"))
    assert len(first) == 2 and first[0]["fatalities"] == "2"
    path = tmp_path / "export.csv"
    path.write_text(client.get("/exports/war-a.csv").content.decode())
    call_command("import_acled", str(path), conflict="war-b", create_conflict=True, publish=True)
    assert rows_of(client.get("/exports/war-b.csv")) == first


def test_it_filters_by_date_and_refuses_bad_dates(client, imported):
    assert [r["event_id_cnty"] for r in rows_of(client.get("/exports/war-a.csv", {"start": "2020-10-04"}))] \
        == ["AZE2"]
    assert client.get("/exports/war-a.csv", {"end": "October"}).status_code == 400
    assert client.get("/exports/nowhere.csv").status_code == 404


def test_it_exports_geojson_with_the_licence(client, imported):
    response = client.get("/exports/war-a.geojson", {"end": "2020-10-03"})
    body = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json" and "Licence" in body["licence"]
    assert [f["properties"]["event_id_cnty"] for f in body["features"]] == ["AZE1"]
    assert "Licence" in response["X-Licence"]


def test_it_never_exports_a_hidden_record(client, imported):
    Event.objects.filter(external_id="AZE2").update(state=State.IN_REVIEW, description="CANARY-HIDDEN")
    for fmt in ("csv", "geojson", "gpkg"):
        content = client.get(f"/exports/war-a.{fmt}").content
        assert b"AZE2" not in content and b"CANARY-HIDDEN" not in content and b"AZE1" in content


def test_it_exports_a_geopackage_that_gdal_reads(client, tmp_path, imported):
    response = client.get("/exports/war-a.gpkg")
    assert response.status_code == 200
    path = tmp_path / "war-a.gpkg"
    path.write_bytes(response.content)
    info = subprocess.run(["ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Layer name: events" in info and "Feature Count: 2" in info


def test_it_takes_a_window_of_both_days_included_and_refuses_a_reversed_one(client, imported):
    window = {"start": "2020-10-03", "end": "2020-10-05"}
    assert {r["event_id_cnty"] for r in rows_of(client.get("/exports/war-a.csv", window))} == {"AZE1", "AZE2"}
    one_day = {"start": "2020-10-05", "end": "2020-10-05"}
    body = json.loads(client.get("/exports/war-a.geojson", one_day).content)
    assert [f["properties"]["event_id_cnty"] for f in body["features"]] == ["AZE2"]
    for bad in ({"start": "2020-10-05", "end": "2020-10-03"}, {"start": "2020-02-30"}, {"end": "2020-10-3x"}):
        for fmt in ("csv", "geojson", "gpkg"):
            response = client.get(f"/exports/war-a.{fmt}", bad)
            assert response.status_code == 400, (fmt, bad)
            assert b"start" in response.content or b"end" in response.content


def test_the_map_page_hands_its_download_control_the_export_urls_and_licence(client, imported):
    from geodata.exports.views import LICENCE
    from geodata.mapconfig import map_config
    from geodata.models import Conflict

    exports = map_config(Conflict.objects.get(slug="war-a"))["exports"]
    assert exports == {"urls": {fmt: f"/exports/war-a.{fmt}" for fmt in ("csv", "geojson", "gpkg")},
                       "licence": LICENCE}
