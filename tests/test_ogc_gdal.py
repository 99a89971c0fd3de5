"""GDAL as the client of /ogc/: its OAPIF driver (ogrinfo, ogr2ogr) against the live test server."""

import json
import shutil
import subprocess

import pytest
from django.contrib.gis.geos import Point

from geodata.models import Event

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's command-line tools are not installed")


def gdal(*args, timeout=120):
    # GDAL_HTTP_*: loopback only, no proxy, no retries hiding a failing page.
    env = {"PATH": "/usr/bin:/bin", "NO_PROXY": "*", "GDAL_HTTP_MAX_RETRY": "0", "CPL_DEBUG": "OFF"}
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result.stdout


def read_all(url, layer, tmp_path, page_size):
    target = tmp_path / f"{layer}-{page_size}.geojson"
    gdal("ogr2ogr", "-f", "GeoJSON", str(target), f"OAPIF:{url}/ogc/", layer, "-oo", f"PAGE_SIZE={page_size}")
    return json.loads(target.read_text())["features"]


def test_it_lists_every_collection_to_ogrinfo(live_server, demo):
    listing = gdal("ogrinfo", "-ro", f"OAPIF:{live_server.url}/ogc/")
    for name in ("events", "places", "control-changes"):
        assert f": {name} (" in listing
    summary = gdal("ogrinfo", "-ro", "-so", f"OAPIF:{live_server.url}/ogc/", "events")
    assert "Feature Count: 5" in summary and "Geometry: Point" in summary


def test_it_gives_ogr2ogr_every_demo_feature(live_server, demo, tmp_path):
    events = read_all(live_server.url, "events", tmp_path, page_size=2)
    published = Event.objects.published().filter(conflict=demo)
    assert len(events) == published.count() == 5  # 3 pages of 2
    assert sorted(e["properties"]["description"] for e in events) == sorted(published.values_list("description", flat=True))
    places = read_all(live_server.url, "places", tmp_path, page_size=1000)
    assert {"Stepanakert", "Madagiz"} <= {p["properties"]["name"] for p in places}


def test_it_gives_ogr2ogr_all_of_a_5000_feature_collection_through_paging(live_server, world, tmp_path):
    Event.objects.bulk_create(
        Event(conflict=world.conflict, date="2020-10-03", event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", point=Point(45 + n / 10000, 40, srid=4326),
              description=f"Synthetic {n}", state="published")
        for n in range(5000)
    )
    events = read_all(live_server.url, "events", tmp_path, page_size=1000)
    assert len(events) == 5000
    assert {e["properties"]["description"] for e in events} == {f"Synthetic {n}" for n in range(5000)}
