"""A territory version's area uploaded from a file: each format read through GDAL, each bad file refused clearly."""

import datetime
import zipfile

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from geodata.importers.territory_file import TerritoryFileError, read_area
from geodata.models import TerritoryVersion
from tests.helpers import factories as f
from tests.helpers import territory_edit as t

HADRUT = t.square_ring(46.9, 39.5)


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


@pytest.fixture
def one_area(tmp_path):
    return t.write_geojson(tmp_path / "hadrut.geojson", [t.feature(HADRUT, name="Hadrut")])


def assert_hadrut(area):
    assert area.geometry.geom_type == "MultiPolygon" and area.geometry.srid == 4326
    assert area.geometry.extent == pytest.approx((46.9, 39.5, 47.0, 39.6), abs=1e-9)


def test_it_reads_geojson(one_area):
    area = read_area(upload(one_area))
    assert_hadrut(area)
    assert "“hadrut.geojson” (GeoJSON, layer" in area.note and "“Hadrut”" in area.note
    assert "Reprojected" not in area.note


def test_it_reads_kml(one_area, tmp_path):
    area = read_area(upload(t.convert(one_area, tmp_path / "hadrut.kml", "KML")))
    assert_hadrut(area)
    assert "(KML, layer" in area.note


def test_it_reads_a_geopackage(one_area, tmp_path):
    area = read_area(upload(t.convert(one_area, tmp_path / "hadrut.gpkg", "GPKG")))
    assert_hadrut(area)
    assert "(GeoPackage, layer" in area.note


def test_it_reads_a_zipped_shapefile(one_area, tmp_path):
    area = read_area(upload(t.zipped_shapefile(one_area, tmp_path)))
    assert_hadrut(area)
    assert "(zipped Shapefile, layer “area”" in area.note


def test_it_reprojects_another_crs_and_says_so(one_area, tmp_path):
    utm = t.convert(one_area, tmp_path / "utm.gpkg", "GPKG", "-t_srs", "EPSG:32638")
    area = read_area(upload(utm))
    assert area.geometry.extent == pytest.approx((46.9, 39.5, 47.0, 39.6), abs=1e-6)
    assert "Reprojected from EPSG:32638 (WGS 84 / UTM zone 38N) to EPSG:4326" in area.note


def test_it_cleans_an_uploaded_area_as_a_drawn_one(tmp_path):
    bowtie = [[[46.9, 39.5], [47.0, 39.6], [47.0, 39.5], [46.9, 39.6], [46.9, 39.5]]]
    path = t.write_geojson(tmp_path / "bow.geojson", [t.feature(bowtie)])
    area = read_area(upload(path))
    assert area.geometry.valid
    assert "Geometry repaired automatically: made valid" in area.note


def test_it_takes_the_polygons_of_a_feature_beside_points(tmp_path):
    path = t.write_geojson(tmp_path / "mixed.geojson", [
        t.feature(HADRUT), t.feature([46.95, 39.55], kind="Point", name="Hadrut town"),
    ])
    assert_hadrut(read_area(upload(path)))


@pytest.mark.parametrize("name", ["area.csv", "area.kmz", "area", "area.tif"])
def test_it_refuses_an_unsupported_format(name):
    with pytest.raises(TerritoryFileError, match="Unsupported file format") as error:
        read_area(SimpleUploadedFile(name, b"lon,lat\n46,39\n"))
    assert "GeoJSON (.geojson, .json), KML (.kml), GeoPackage (.gpkg) or a zipped Shapefile (.zip)" in str(error.value)


def test_it_says_how_to_upload_a_shapefile(one_area, tmp_path):
    t.zipped_shapefile(one_area, tmp_path)
    with pytest.raises(TerritoryFileError, match=r"zip the \.shp together with its \.shx, \.dbf and \.prj"):
        read_area(upload(tmp_path / "shp" / "area.shp"))


@pytest.mark.parametrize(("name", "label"), [
    ("area.geojson", "GeoJSON"), ("area.kml", "KML"), ("area.gpkg", "GeoPackage"),
])
def test_it_refuses_an_unreadable_file(name, label):
    with pytest.raises(TerritoryFileError, match=f"could not be read as {label}: the file is damaged"):
        read_area(SimpleUploadedFile(name, b"\x00\x01 this is not a " + label.encode() + b" file {"))


def test_it_refuses_a_file_in_another_format_than_its_name_says(one_area, tmp_path):
    kml = t.convert(one_area, tmp_path / "hadrut.kml", "KML")
    with pytest.raises(TerritoryFileError, match="is not GeoPackage"):
        read_area(upload(kml, "hadrut.gpkg"))


def test_it_refuses_a_damaged_zip():
    with pytest.raises(TerritoryFileError, match="damaged or not a zip archive"):
        read_area(SimpleUploadedFile("area.zip", b"PK\x03\x04 broken"))


def test_it_refuses_a_zip_without_a_shapefile(tmp_path):
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(TerritoryFileError, match=r"holds no Shapefile \(no \.shp file in it\)"):
        read_area(upload(path))


def test_it_refuses_a_shapefile_without_its_index(one_area, tmp_path):
    path = t.zipped_shapefile(one_area, tmp_path, keep=(".shp", ".dbf", ".prj"))
    with pytest.raises(TerritoryFileError, match="could not be read as zipped Shapefile"):
        read_area(upload(path))


def test_it_refuses_a_shapefile_without_its_coordinate_system(one_area, tmp_path):
    path = t.zipped_shapefile(one_area, tmp_path, keep=(".shp", ".shx", ".dbf"))
    with pytest.raises(TerritoryFileError, match=r"does not say which coordinate system.*\.prj file is missing"):
        read_area(upload(path))


@pytest.mark.parametrize("driver,suffix", [("GeoJSON", ".geojson"), ("KML", ".kml"), ("GPKG", ".gpkg"),
                                           ("shp", ".zip")])
def test_it_refuses_a_file_with_no_polygon(tmp_path, driver, suffix):
    source = t.write_geojson(tmp_path / "points.geojson", [
        t.feature([46.95, 39.55], kind="Point", name="Hadrut"),
        t.feature([[46.9, 39.5], [47.0, 39.6]], kind="LineString", name="Road"),
    ])
    if driver == "shp":  # a Shapefile holds one geometry type: the points only
        source = t.write_geojson(tmp_path / "points.geojson", [t.feature([46.95, 39.55], kind="Point")])
        path = t.zipped_shapefile(source, tmp_path)
    elif driver == "GeoJSON":
        path = source
    else:
        path = t.convert(source, tmp_path / f"points{suffix}", driver)
    with pytest.raises(TerritoryFileError, match="No polygon in") as error:
        read_area(upload(path))
    assert "Point" in str(error.value)


@pytest.mark.parametrize("driver,suffix", [("GeoJSON", ".geojson"), ("KML", ".kml"), ("GPKG", ".gpkg"),
                                           ("shp", ".zip")])
def test_it_refuses_several_polygons_and_says_how_many(tmp_path, driver, suffix):
    source = t.write_geojson(tmp_path / "three.geojson", [
        t.feature(t.square_ring(46.9, 39.5), name="Hadrut"),
        t.feature(t.square_ring(47.1, 39.5), name="Fuzuli"),
        t.feature(t.square_ring(47.3, 39.5), name="Jabrayil"),
    ])
    if driver == "shp":
        path = t.zipped_shapefile(source, tmp_path)
    elif driver == "GeoJSON":
        path = source
    else:
        path = t.convert(source, tmp_path / f"three{suffix}", driver)
    with pytest.raises(TerritoryFileError, match="holds 3 polygon features") as error:
        read_area(upload(path))
    message = str(error.value)
    assert "“Hadrut”" in message and "“Fuzuli”" in message and "“Jabrayil”" in message
    assert "exactly one polygon or multipolygon feature" in message


def test_it_refuses_a_file_whose_only_polygon_is_a_sliver(tmp_path):
    path = t.write_geojson(tmp_path / "sliver.geojson", [t.feature(t.square_ring(46.9, 39.5, size=0.0001))])
    with pytest.raises(TerritoryFileError, match="no polygon of a usable size"):
        read_area(upload(path))


# --- through the admin form -----------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_user("uploader", password="x-very-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def add_data(series, day, **extra):
    return {
        "series": series.pk, "valid_from": day, "date_precision": 1, "geometry": "", "geometry_note": "",
        "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0", "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "1000", **extra,
    }


def test_it_adds_a_version_from_an_uploaded_kml(editor_client, one_area, tmp_path):
    series = t.series(f.conflict(), f.party())
    kml = t.convert(one_area, tmp_path / "hadrut.kml", "KML")
    with kml.open("rb") as handle:
        response = editor_client.post("/admin/geodata/territoryversion/add/",
                                      add_data(series, "2020-10-20", upload=handle), follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    version = TerritoryVersion.objects.get(series=series)
    assert version.valid_from == datetime.date(2020, 10, 20)
    assert version.geometry.extent == pytest.approx((46.9, 39.5, 47.0, 39.6), abs=1e-9)
    assert "Imported from the file “hadrut.kml” (KML" in version.geometry_note
    assert version.state == "draft" and version.created_by.username == "uploader"
    shown = [str(m) for m in response.context["messages"]]
    assert any("Imported from the file “hadrut.kml” (KML" in m for m in shown)


def test_it_shows_the_file_error_on_the_form_and_saves_nothing(editor_client, tmp_path):
    series = t.series(f.conflict(), f.party())
    path = t.write_geojson(tmp_path / "two.geojson", [t.feature(t.square_ring(46.9, 39.5)),
                                                      t.feature(t.square_ring(47.2, 39.5))])
    with path.open("rb") as handle:
        response = editor_client.post("/admin/geodata/territoryversion/add/",
                                      add_data(series, "2020-10-20", upload=handle))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "holds 2 polygon features" in " ".join(errors["upload"])
    assert "geometry" not in errors
    assert not TerritoryVersion.objects.exists()


def test_the_add_form_is_multipart(editor_client):
    html = editor_client.get("/admin/geodata/territoryversion/add/").content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="upload"' in html
