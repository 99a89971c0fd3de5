"""Settings for a server under fault injection (tests/test_faults.py): the project's, plus test-only URLs."""

from conflictmap.settings import *  # noqa: F403

ROOT_URLCONF = "tests.helpers.fault_urls"
