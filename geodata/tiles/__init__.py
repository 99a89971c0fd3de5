"""Vector tiles of a conflict's events and places, and the place-state deltas (docs/tiles.md)."""
