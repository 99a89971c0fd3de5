"""Settings for the test suite (pytest.ini): the project's settings plus a fast password hasher.

Everything else comes from conflictmap/settings.py unchanged (DEBUG still defaults
to off, as in production). Only pytest selects this module, so a deployment can never
store MD5 password hashes by accident.
"""

from conflictmap.settings import *  # noqa: F403

# The default PBKDF2 hasher spends ~0.3 s of CPU per hash by design; every
# create_user / login in the tests would pay it. Password hashing itself is Django's.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# One process, emptied before every test (tests/conftest.py): a test that overrides a
# setting shown in a page never gets the copy another test cached. tests/test_cache.py
# runs the file and Redis backends explicitly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
