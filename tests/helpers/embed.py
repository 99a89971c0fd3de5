"""Shared by the embed tests (the `unhashed_static` fixture is in tests/conftest.py)."""

EMBED = "/embed/nagorno-karabakh-2020/"
