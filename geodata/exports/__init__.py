"""Exports of published data (ACLED-compatible CSV, GeoJSON), read through geodata.public only."""
