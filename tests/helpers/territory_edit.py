"""Builders for the territory admin and upload tests: series, versions, square areas, files in each format."""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from tests.helpers import territory


def square(lon, lat, size=0.1):
    """A square MultiPolygon, exterior counter-clockwise (already RFC 7946: no repair note)."""
    return territory.box(lon, lat, lon + size, lat + size)


def widget_value(geom):
    """What django-leaflet's widget puts in the hidden field for a drawn (multi)polygon."""
    return geom.geojson


series = territory.series


def version(of, day, geom=None, **kwargs):
    """A version of series `of`: a draft unless state=... is given (the editors' starting point)."""
    kwargs.setdefault("state", "draft")
    return territory.version(of, day, geom or square(46.9, 39.5), **kwargs)


# --- files, written with GDAL's ogr2ogr (Debian's gdal-bin) from a GeoJSON we write ourselves ---------------

def feature(coordinates, kind="Polygon", name=None):
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": kind, "coordinates": coordinates}}


def square_ring(lon, lat, size=0.1):
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


def write_geojson(path, features):
    path = Path(path)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def ogr2ogr():
    tool = shutil.which("ogr2ogr")
    if tool is None:
        raise RuntimeError("ogr2ogr (Debian's gdal-bin) is needed to write the test files")
    return tool


def convert(geojson, target, driver, *options):
    subprocess.run([ogr2ogr(), "-f", driver, *options, str(target), str(geojson)], check=True, capture_output=True)
    return Path(target)


def zipped_shapefile(geojson, directory, keep=(".shp", ".shx", ".dbf", ".prj", ".cpg"), *options):
    """The GeoJSON as a Shapefile, zipped; `keep` chooses which of its files go in the zip."""
    directory = Path(directory)
    shp_dir = directory / "shp"
    shp_dir.mkdir(exist_ok=True)
    convert(geojson, shp_dir / "area.shp", "ESRI Shapefile", *options)
    target = directory / "area.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for part in sorted(shp_dir.iterdir()):
            if part.suffix in keep:
                archive.write(part, part.name)
    return target
