"""collectstatic's storage for deployments: our own scripts and styles minified, then hashed and compressed.

The ES modules are served one file each, without a bundler (docs/map.md), and their comments are about
half their bytes: the embed and the map page only come near their budgets (docs/benchmarks.md)
minified. esbuild (an npm devDependency, installed by the set-up) minifies each of our `js/` and
`css/` files on its own, in place in STATIC_ROOT, before WhiteNoise's manifest storage hashes and
compresses them; imports, exports, `import()` and `url()` paths are left as they are, so nothing is
bundled or renamed across files. Third-party files (`vendor/`, the admin's) are shipped as their
authors built them. MINIFY_STATIC=0 switches it off (e.g. to read a deployment's scripts).
"""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage

ESBUILD = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "esbuild"
# The browsers the map supports (ES modules, optional chaining, ??): esbuild must not lower anything.
TARGET = "es2020"
# Our files (not vendor/ nor Django's admin/): the folder and the suffix.
OURS = (("js/", ".js"), ("css/", ".css"))


def minify(root, names):
    """Minify the files `names` (relative to `root`; .js as ES modules, .css) in place with esbuild, in one run."""
    if not names:
        return
    if not ESBUILD.exists():
        raise ImproperlyConfigured(f"{ESBUILD} is missing: run `make setup` (npm ci), or set MINIFY_STATIC=0.")
    result = subprocess.run(
        [str(ESBUILD), *names, "--minify", f"--target={TARGET}", "--format=esm", "--legal-comments=none",
         "--log-level=error", "--outdir=.", "--outbase=.", "--allow-overwrite"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"esbuild could not minify the static files: {result.stderr.strip()}")


class MinifiedManifestStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        if not dry_run and settings.MINIFY_STATIC:
            ours = [p for p in paths if any(p.startswith(folder) and p.endswith(suffix) for folder, suffix in OURS)]
            minify(self.location, sorted(ours))
        yield from super().post_process(paths, dry_run=dry_run, **options)
