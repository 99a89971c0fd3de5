import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from it (live_server tests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(db):
    """The demo conflict, loaded through the same code path as `make run`."""
    from geodata import demo as demo_module
    from geodata.models import Conflict

    demo_module.load()
    return Conflict.objects.get(slug=demo_module.SLUG)
