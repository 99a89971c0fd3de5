"""gunicorn configuration for `make serve` (scripts/serve.sh) and production.

Every value can be overridden from the environment, so one file serves a laptop
trial and a server: see docs/deployment.md#serving.
"""

import multiprocessing
import os

wsgi_app = "conflictmap.wsgi:application"

# Loopback by default: a reverse proxy (nginx, docs/deployment.md) is what faces the
# Internet. BIND_HOST=0.0.0.0 only inside a container whose port is not published.
bind = f"{os.environ.get('BIND_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Sync workers with threads: the views are database-bound (the GIL is released while
# PostgreSQL works), so a few threads per process multiply throughput cheaply, while
# the process count follows the CPUs. WEB_CONCURRENCY is the usual override name.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request slower than this is killed (the worker restarts). It sits above the
# database's statement timeout (DB_STATEMENT_TIMEOUT_MS, 15 s) so that a slow query
# ends as a clean 503 from Django rather than as a dropped connection.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then: bounds the damage of any slow leak; the jitter keeps
# them from all restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# gunicorn 27's control socket (for gunicornc) is not used: nothing else may steer
# the server, and several checkouts on one machine would fight over its default path.
control_socket_disable = True

# The heartbeat file in memory, not on a disk that may stall under load.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The proxy in front sets X-Forwarded-*; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log: one JSON object a line on stdout (conflictmap/jsonlog.py), carrying the
# X-Request-ID that the application's middleware puts on every response.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "conflictmap.jsonlog.GunicornJsonLogger"
