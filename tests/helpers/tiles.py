"""Vector tiles in tests: which tile holds a point, and a tile's features decoded."""

import math

import mapbox_vector_tile


def tile_of(lon, lat, z):
    """(x, y) of the Web Mercator tile at zoom z holding lon/lat (the slippy-map formulas)."""
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def lonlat_of(z, x, y, px, py, extent=4096):
    """lon/lat of tile coordinates (px, py), y pointing down, in tile z/x/y."""
    n = 2**z
    lon = (x + px / extent) / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return lon, lat


def decode(content):
    """{layer name: [feature dicts with id, properties, geometry]} of MVT bytes (y pointing down)."""
    if not content:
        return {}
    tile = mapbox_vector_tile.decode(content, default_options={"y_coord_down": True})
    return {name: layer["features"] for name, layer in tile.items()}


def url(slug, z, lon, lat, **params):
    from urllib.parse import urlencode

    x, y = tile_of(lon, lat, z)
    query = f"?{urlencode(params)}" if params else ""
    return f"/tiles/{slug}/{z}/{x}/{y}.mvt{query}"
