"""Vector tiles: tiles per second, ours against TiPg on the same database and the same tiles.

    python bench/bench_tiles.py        (run by `make bench` through bench/run.py)

Our server is gunicorn (conflictmap.wsgi, 4 sync workers, --no-control-socket, port 8121) with the benchmark's settings (DEBUG=0, persistent connections); TiPg
(developmentseed's OGC tiles server for PostGIS) runs under uvicorn (4 workers, port 8122)
from a virtualenv of its own under var/tipg-venv that this script creates on first use
(pip install tipg): it is never a dependency of the project. Both read the benchmark
database (bench/generate.py: 100,000 events over two years).

Same tiles: every tile of the synthetic extent at z4, z6, z8 and z10 (at most TILES_PER_ZOOM,
evenly spread), for the published events of one month, 2023-03 (ours: layers=events with
start/end; TiPg: the event table with datetime on `date` and a CQL2 filter on the conflict
and the published state). Ours sends at low zoom (< 8) the event count per grid cell
(checked to add up to TiPg's feature count), at higher zooms the points themselves (checked
to be the same ids), plus the verification status TiPg cannot compute.

Per zoom and server: sequential (one client fetching every tile once) and concurrent (4
client threads, each fetching every tile once); tiles per second, rounds interleaved ours /
TiPg so a noisy neighbour slows both, medians over the rounds, and the ratio ours / TiPg
(target >= 1.0x at every zoom). Every request is a fresh one (no If-None-Match); the
comparison is with our tile cache off (TILE_CACHE_SECONDS=0), so our tiles are built every
time as TiPg's are; a second gunicorn (port 8123) with the cache on shows what a repeated
tile costs.
"""

import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import EXTENT, N_EVENTS, SLUG, generate, is_current, scale, setup_django  # noqa: E402

OURS_PORT, TIPG_PORT, CACHED_PORT = 8121, 8122, 8123
ZOOMS = (4, 6, 8, 10)
MONTH = ("2023-03-01", "2023-03-31")
TILES_PER_ZOOM = 16
CLIENTS = 4
WORKERS = 4  # processes of each server: one per concurrent client
ROUNDS = int(os.environ.get("TILES_BENCH_ROUNDS", 5))
TIPG_VENV = ROOT / "var" / "tipg-venv"
TIPG_VERSION = "1.6.1"


def tile_of(lon, lat, z):
    n = 2**z
    return int((lon + 180.0) / 360.0 * n), int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)


def tiles(z):
    """Tiles of the synthetic extent at zoom z, at most TILES_PER_ZOOM, evenly spread."""
    minlon, minlat, maxlon, maxlat = EXTENT
    x0, y0 = tile_of(minlon, maxlat, z)
    x1, y1 = tile_of(maxlon, minlat, z)
    every = [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
    step = max(1, len(every) // TILES_PER_ZOOM)
    return every[::step][:TILES_PER_ZOOM]


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
        return body


def wait_for(url, process, name, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer {url} within {seconds} s")


def tipg_python():
    """var/tipg-venv's python with tipg and uvicorn, created on first use; None (and why) if impossible."""
    python = TIPG_VENV / "bin" / "python"
    if (TIPG_VENV / "bin" / "uvicorn").exists():
        return python, None
    print(f"creating {TIPG_VENV.relative_to(ROOT)} (pip install tipg=={TIPG_VERSION} uvicorn), once...", flush=True)
    shutil.rmtree(TIPG_VENV, ignore_errors=True)
    steps = [[sys.executable, "-m", "venv", str(TIPG_VENV)],
             [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"tipg=={TIPG_VERSION}", "uvicorn"]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode:
            return None, f"{' '.join(step[:4])} failed: {(result.stderr or result.stdout).strip()[-300:]}"
    return python, None


def database_url(settings):
    """The benchmark database as a URL TiPg accepts (a socket directory percent-encoded as the host)."""
    if os.environ.get("DATABASE_URL"):
        # Django takes postgis:// (settings force the PostGIS engine anyway); TiPg's URL check does not.
        url = os.environ["DATABASE_URL"]
        return "postgresql://" + url.split("://", 1)[1] if url.startswith("postgis://") else url
    db = settings.DATABASES["default"]
    host = urllib.parse.quote(str(db["HOST"]), safe="")
    return f"postgresql://{db['USER']}@{host}/{db['NAME']}"


def start_ours(env, port, cache_seconds):
    env = {**env, "TILE_CACHE_SECONDS": str(cache_seconds)}
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "conflictmap.wsgi", "-b", f"127.0.0.1:{port}",
               "-w", str(WORKERS), "--no-control-socket", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def start_tipg(python, url):
    env = {"PATH": os.environ.get("PATH", ""), "DATABASE_URL": url, "TIPG_DB_SCHEMAS": '["public"]',
           "TIPG_DB_TABLES": '["public.geodata_event"]', "TIPG_DB_FUNCTIONS": "[]",
           # TiPg's default cuts a tile at 10,000 features: a z4 tile of the 1M copy's month holds more, and a
           # truncated tile is neither the same tile nor the same work.
           "TIPG_MAX_FEATURES_PER_TILE": "10000000"}
    command = [str(python), "-m", "uvicorn", "tipg.main:app", "--host", "127.0.0.1", "--port", str(TIPG_PORT),
               "--workers", str(WORKERS), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=TIPG_VENV, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ours_url(z, x, y, port=OURS_PORT):
    return f"http://127.0.0.1:{port}/tiles/{SLUG}/{z}/{x}/{y}.mvt?layers=events&start={MONTH[0]}&end={MONTH[1]}"


def cached_url(z, x, y):
    return ours_url(z, x, y, CACHED_PORT)


def tipg_url_for(conflict_id):
    query = urllib.parse.urlencode({
        "datetime-column": "date",
        "datetime": f"{MONTH[0]}T00:00:00Z/{MONTH[1]}T23:59:59Z",
        "filter": f"conflict_id={conflict_id} AND state='published'",
        "properties": "id,date,event_type,sub_event_type,perpetrator_id",
    })

    def url(z, x, y):
        return f"http://127.0.0.1:{TIPG_PORT}/collections/public.geodata_event/tiles/WebMercatorQuad/{z}/{x}/{y}?{query}"

    return url


def check_same(z, ours_body, tipg_body):
    """Ours and TiPg show the same events in this tile (counted per cell below z8)."""
    import mapbox_vector_tile

    ours = mapbox_vector_tile.decode(ours_body).get("events", {"features": []})["features"] if ours_body else []
    theirs = mapbox_vector_tile.decode(tipg_body).get("default", {"features": []})["features"] if tipg_body else []
    if z < 8:
        return sum(f["properties"]["count"] for f in ours), len(theirs)
    # Ours also carries the points just outside the tile (a 64-unit buffer, so symbols on an
    # edge are drawn whole); TiPg only those inside it: compare those inside.
    inside = [f for f in ours if all(0 <= c <= 4096 for c in f["geometry"]["coordinates"])]
    return sorted(f["id"] for f in inside), sorted(f["properties"]["id"] for f in theirs)


def sequential(urls):
    started = time.perf_counter()
    for url in urls:
        fetch(url)
    return len(urls) / (time.perf_counter() - started)


def concurrent(urls):
    errors = []

    def client(offset):
        try:
            for url in urls[offset:] + urls[:offset]:  # each client in its own order
                fetch(url)
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=client, args=(i * len(urls) // CLIENTS,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return CLIENTS * len(urls) / (time.perf_counter() - started)


def main():
    setup_django()
    from django.conf import settings

    from geodata.models import Conflict

    if settings.DEBUG:
        sys.exit("Run the benchmarks with DEBUG=0.")
    if scale() != 1:  # the 1M copy (make bench SCALE=1m) is made by bench/scale_copy.py, never here
        if not is_current(N_EVENTS * scale()):
            sys.exit("no current 1M copy of the synthetic data: `make bench SCALE=1m` makes it")
    elif not is_current():
        print("generating synthetic data (once; kept for later runs)...", flush=True)
        generate()
    conflict_id = Conflict.objects.get(slug=SLUG).pk
    env = {**os.environ, "DEBUG": "0", "ALLOW_INSECURE_SECRET_KEY": "1",
           "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"), "LOG_LEVEL": "WARNING"}
    python, why = tipg_python()
    servers, processes = {"ours": ours_url}, []
    try:
        processes.append(start_ours(env, OURS_PORT, 0))
        wait_for(ours_url(0, 0, 0), processes[-1], "gunicorn")
        processes.append(start_ours(env, CACHED_PORT, 300))
        wait_for(cached_url(0, 0, 0), processes[-1], "gunicorn (cached)")
        servers["cached"] = cached_url
        if python is not None:
            processes.append(start_tipg(python, database_url(settings)))
            try:
                wait_for(f"http://127.0.0.1:{TIPG_PORT}/collections", processes[-1], "TiPg")
                servers["TiPg"] = tipg_url_for(conflict_id)
            except RuntimeError as error:
                why = f"TiPg did not start: {error}: {processes[-1].stderr.read().decode()[-400:] if processes[-1].poll() is not None else ''}"
        if why:
            print(f"TiPg: not measured ({why}); ours only.")
        print(f"{SLUG}, events of {MONTH[0]}..{MONTH[1]}; gunicorn {WORKERS} workers (port {OURS_PORT}) vs TiPg {TIPG_VERSION} "
              f"uvicorn {WORKERS} workers (port {TIPG_PORT}); {ROUNDS} rounds interleaved, medians; "
              f"sequential and {CLIENTS} concurrent clients")
        print("ours: every tile built (TILE_CACHE_SECONDS=0, port 8121); cached: the same server with its "
              f"tile cache (port {CACHED_PORT}), every request a hit after the warm-up")
        print(f"{'zoom':>4} {'tiles':>5} {'same':>5}  {'ours seq':>9} {'TiPg seq':>9} {'ratio':>6}  "
              f"{'ours x4':>9} {'TiPg x4':>9} {'ratio':>6}  {'ours KB':>8} {'TiPg KB':>8}  "
              f"{'cached seq':>10} {'cached x4':>10}")
        status = 0
        for z in ZOOMS:
            coords = tiles(z)
            urls = {name: [make(z, x, y) for x, y in coords] for name, make in servers.items()}
            bodies = {name: [fetch(url) for url in server_urls] for name, server_urls in urls.items()}  # warm-up
            same = "-"
            if "TiPg" in servers:
                pairs = [check_same(z, a, b) for a, b in zip(bodies["ours"], bodies["TiPg"], strict=True)]
                same = "yes" if all(a == b for a, b in pairs) else "NO"
                if same == "NO":
                    status = 1
            rates = {(name, mode): [] for name in servers for mode in ("seq", "x4")}
            for _ in range(ROUNDS):
                for name in servers:
                    rates[(name, "seq")].append(sequential(urls[name]))
                for name in servers:
                    rates[(name, "x4")].append(concurrent(urls[name]))
            med = {key: statistics.median(values) for key, values in rates.items()}
            size = {name: sum(map(len, b)) / len(b) / 1024 for name, b in bodies.items()}
            row = f"{z:>4} {len(coords):>5} {same:>5}  {med[('ours', 'seq')]:>7.1f}/s "
            if "TiPg" in servers:
                r_seq = med[("ours", "seq")] / med[("TiPg", "seq")]
                r_x4 = med[("ours", "x4")] / med[("TiPg", "x4")]
                row += (f"{med[('TiPg', 'seq')]:>7.1f}/s {r_seq:>5.2f}x  {med[('ours', 'x4')]:>7.1f}/s "
                        f"{med[('TiPg', 'x4')]:>7.1f}/s {r_x4:>5.2f}x  {size['ours']:>8.1f} {size['TiPg']:>8.1f}  "
                        f"{med[('cached', 'seq')]:>8.1f}/s {med[('cached', 'x4')]:>8.1f}/s  "
                        f"built: {'OK' if min(r_seq, r_x4) >= 1.0 else 'MISSED'} (target >= 1.0x)")
            else:
                row += f"{'-':>9} {'-':>6}  {med[('ours', 'x4')]:>7.1f}/s {'-':>9} {'-':>6}  {size['ours']:>8.1f}"
            print(row, flush=True)
        return status
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
