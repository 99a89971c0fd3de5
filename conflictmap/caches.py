"""CACHES from one CACHE_URL (settings.py; docs/configuration.md).

    redis://[:password@]host:port/db, rediss://…, unix:///path/redis.sock?db=N
                       Django's built-in RedisCache (redis-py): shared by every
                       process and host, the production choice with several hosts
    file:///abs/dir    FileBasedCache in that directory
    locmem://          LocMemCache (one process only: tests, a single dev server)
    unset or empty     FileBasedCache under var/cache/ of the checkout

Why the file cache by default: it needs no server and it is shared by all the
gunicorn workers of a host, so each answer is rendered once per data version,
not once per worker, and kept once on disk rather than once in each worker's
memory (an /api/places/ answer for 5,000 places is megabytes). LocMem would be
correct too, because keys carry the data version, which every request reads
from the database, so no worker can serve a copy older than the last publish;
but it multiplies misses and memory by the number of workers. The database
cache would put every hit back on the database that caching is meant to spare.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# The file cache culls a third of its entries when it holds more than this many.
FILE_CACHE_MAX_ENTRIES = 5000


def caches_from_url(url, default_dir, debug=False):
    url = (url or "").strip()
    if not url and debug:
        # The development server: templates and code change under it, answers must follow at once.
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if not url:
        return {"default": _file(Path(default_dir))}
    parts = urlsplit(url)
    if parts.scheme in ("redis", "rediss", "unix"):
        if parts.scheme != "unix" and not parts.hostname:
            raise ImproperlyConfigured(f"CACHE_URL names no Redis host: {url!r}")
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    if parts.scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise ImproperlyConfigured(f"CACHE_URL file:// needs an absolute directory, e.g. file:///srv/cache, got {url!r}")
        return {"default": _file(Path(parts.path))}
    if parts.scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc}}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, unix://, file:// or locmem://, got {url!r}"
    )


def _file(directory):
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(directory),
        "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_MAX_ENTRIES},
    }



def code_release(base_dir, static_root=None):
    """A short hash of the code that renders public answers: part of every public cache key.

    A cached page is only valid for the code that rendered it: after a deployment with new
    templates or views, the keys (and so the ETags) change and nothing rendered by the old
    release is served. Computed from file contents (not times), so every host of one release
    agrees; the static files manifest is included because pages name the hashed static files.
    """
    digest = hashlib.sha256()
    base = Path(base_dir)
    files = sorted(
        path for folder in ("conflictmap", "geodata", "templates") for pattern in ("*.py", "*.html")
        for path in (base / folder).rglob(pattern) if "migrations" not in path.parts
    )
    if static_root is not None and (Path(static_root) / "staticfiles.json").exists():
        files.append(Path(static_root) / "staticfiles.json")
    for path in files:
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
