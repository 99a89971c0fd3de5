"""An area from a file, for a new territory version: GeoJSON, KML, GeoPackage or a zipped Shapefile.

Read through GDAL/OGR (GeoDjango's DataSource), never by hand. A version is one
area, so the file must hold exactly one polygon or multipolygon feature: with
none, or with several, the editor gets an error that says what the file holds;
nothing is picked or merged silently. Coordinates in another CRS are reprojected
to EPSG:4326 and the note says so. The geometry then goes through the same
`clean_geometry` as a drawn one (make_valid, slivers, orientation).
"""

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.gdal import DataSource, GDALException, OGRGeometry, SpatialReference
from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models.territory import clean_geometry

# File name ending -> (format named to the editor, the GDAL drivers that may read it).
FORMATS = {
    ".geojson": ("GeoJSON", {"GeoJSON"}),
    ".json": ("GeoJSON", {"GeoJSON"}),
    ".kml": ("KML", {"KML", "LIBKML"}),
    ".gpkg": ("GeoPackage", {"GPKG"}),
    ".zip": (gettext_lazy("zipped Shapefile"), {"ESRI Shapefile"}),
}
ACCEPTED = gettext_lazy("GeoJSON (.geojson, .json), KML (.kml), GeoPackage (.gpkg) or a zipped Shapefile (.zip)")
MAX_BYTES = 20 * 1024 * 1024
POLYGONAL = {"Polygon", "MultiPolygon"}
NAME_FIELDS = ("name", "Name", "NAME", "title")


class TerritoryFileError(ValidationError):
    pass


@dataclass
class ImportedArea:
    geometry: MultiPolygon  # SRID 4326, cleaned
    note: str  # where it came from, any reprojection and repair


def read_area(upload):
    """The one area in `upload` (a Django UploadedFile) as an ImportedArea; TerritoryFileError otherwise."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix == ".shp":
        raise TerritoryFileError(
            _("A Shapefile is several files: zip the .shp together with its .shx, .dbf and .prj and upload the .zip.")
        )
    if suffix not in FORMATS:
        raise TerritoryFileError(_("Unsupported file format “%(format)s”: upload %(accepted)s.")
                                 % {"format": suffix or name, "accepted": ACCEPTED})
    label, drivers = FORMATS[suffix]
    if upload.size > MAX_BYTES:
        raise TerritoryFileError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    with tempfile.TemporaryDirectory(prefix="territory-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        source = _shapefile_in_zip(path) if suffix == ".zip" else str(path)
        try:
            ds = DataSource(source)
        except GDALException:
            raise TerritoryFileError(
                _("“%(name)s” could not be read as %(format)s: the file is damaged or not in that format.")
                % {"name": name, "format": label}
            ) from None
        if ds.driver.name not in drivers:
            raise TerritoryFileError(_("“%(name)s” is not %(format)s (GDAL read it as %(driver)s).")
                                     % {"name": name, "format": label, "driver": ds.driver.name})
        geometry, where, srs = _the_one_polygon(ds, name)
    with translation.override("en"):  # the note is kept with the data, in English like the repair notes
        notes = [f"Imported from the file “{name}” ({label}{where})."]
    geometry = _to_wgs84(geometry, srs, name, notes)
    geometry.set_3d(False)
    geometry.set_measured(False)
    geos = geometry.geos
    if geos.geom_type == "Polygon":
        geos = MultiPolygon(geos, srid=4326)
    geos.srid = 4326
    try:
        cleaned, repair = clean_geometry(geos)
    except ValidationError as error:
        raise TerritoryFileError(_("“%(name)s”: %(errors)s") % {"name": name, "errors": " ".join(error.messages)}) from None
    if repair:
        notes.append(repair)
    return ImportedArea(cleaned, " ".join(notes))


def _shapefile_in_zip(path):
    if not zipfile.is_zipfile(path):
        raise TerritoryFileError(_("The .zip file is damaged or not a zip archive."))
    with zipfile.ZipFile(path) as archive:
        shps = [m for m in archive.namelist() if m.lower().endswith(".shp") and not m.startswith("__MACOSX/")]
    if not shps:
        raise TerritoryFileError(_("The .zip holds no Shapefile (no .shp file in it)."))
    if len(shps) > 1:
        raise TerritoryFileError(
            _("The .zip holds %(count)d Shapefiles (%(files)s); upload a zip with exactly one.")
            % {"count": len(shps), "files": ", ".join(shps)}
        )
    # GDAL reads inside the archive itself; nothing is extracted to disk.
    return f"/vsizip/{path}/{shps[0]}"


def _polygonal_part(geom):
    """The geometry if it is a (multi)polygon; a collection's polygons (KML MultiGeometry); else None."""
    kind = geom.geom_type.name.replace("25D", "")
    if kind in POLYGONAL:
        return geom
    if kind == "GeometryCollection":
        polygons = [g for g in geom if g.geom_type.name.replace("25D", "") in POLYGONAL]
        if polygons:
            multi = OGRGeometry("MULTIPOLYGON EMPTY", srs=geom.srs)
            for part in polygons:
                for polygon in part if part.geom_type.name.replace("25D", "") == "MultiPolygon" else [part]:
                    multi.add(polygon)
            return multi
    return None


def _the_one_polygon(ds, name):
    found, others = [], {}
    for layer in ds:
        fields = set(layer.fields)
        for index, feature in enumerate(layer, start=1):
            try:
                geom = feature.geom
            except GDALException:  # a feature without geometry
                geom = None
            if geom is None:
                kind = _("without geometry")
                others[kind] = others.get(kind, 0) + 1
                continue
            polygon = _polygonal_part(geom)
            if polygon is None:
                kind = geom.geom_type.name
                others[kind] = others.get(kind, 0) + 1
                continue
            label = next((str(feature.get(f)) for f in NAME_FIELDS if f in fields and feature.get(f)), None)
            found.append((polygon, layer.name, index, label, layer.srs))
    if not found:
        held = ", ".join(f"{count} {kind}" for kind, count in sorted(others.items())) or _("no features at all")
        raise TerritoryFileError(_("No polygon in “%(name)s”: it holds %(held)s. A territory version needs an area.")
                                 % {"name": name, "held": held})
    if len(found) > 1:
        listed = "; ".join(
            _("layer “%(layer)s” feature %(index)s") % {"layer": layer, "index": index} + (f" “{label}”" if label else "")
            for _polygon, layer, index, label, _srs in found[:10]
        )
        if len(found) > 10:
            listed = _("%(listed)s and %(count)d more") % {"listed": listed, "count": len(found) - 10}
        raise TerritoryFileError(
            _("“%(name)s” holds %(count)d polygon features (%(listed)s); a version is one area. Upload a file with "
              "exactly one polygon or multipolygon feature (merge or delete the others first).")
            % {"name": name, "count": len(found), "listed": listed}
        )
    polygon, layer, index, label, srs = found[0]
    named = f" “{label}”" if label else ""
    return polygon.clone(), f", layer “{layer}”, feature {index}{named}", srs


def _to_wgs84(geometry, srs, name, notes):
    if srs is None:
        raise TerritoryFileError(
            _("“%(name)s” does not say which coordinate system it uses (for a Shapefile: the .prj file is missing).")
            % {"name": name}
        )
    srs = srs.clone()
    try:
        srs.identify_epsg()
    except GDALException:
        pass  # an unnamed CRS: still reprojected below, named by its WKT name
    if srs.srid == 4326:
        return geometry
    code = f"EPSG:{srs.srid}" if srs.srid else "an unnamed CRS"
    geometry.srs = srs
    try:
        geometry.transform(SpatialReference(4326))
    except GDALException as error:
        raise TerritoryFileError(_("“%(name)s”: its coordinates could not be reprojected to WGS 84 (%(error)s).")
                                 % {"name": name, "error": error}) from None
    notes.append(f"Reprojected from {code} ({srs.name}) to EPSG:4326 (WGS 84).")
    return geometry
