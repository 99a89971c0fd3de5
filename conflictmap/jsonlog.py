"""Structured logs: one JSON object a line, for the application and gunicorn's access log.

A formatter of a dozen lines rather than a dependency: the records are flat and
json.dumps does the escaping.
"""

import datetime
import json
import logging

from gunicorn.glogging import Logger as GunicornLogger

# LogRecord attributes that are not extra fields passed by the caller.
# Django's request loggers also attach the request object: its repr is noise in JSON (the
# request id, method and path are in the request log line).
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName", "request"}


class JsonFormatter(logging.Formatter):
    """Time, level, logger, message, every `extra=` field, and the traceback if any."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class GunicornJsonLogger(GunicornLogger):
    """gunicorn's access log as JSON (its own format string cannot escape quotes in a path)."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers + self.access_log.handlers:
            handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        self.access_log.info(
            "access",
            extra={
                "remote_addr": atoms["h"],
                "method": atoms["m"],
                "path": atoms["U"],
                "query": atoms["q"],
                "status": int(atoms["s"]),
                "bytes": atoms["B"],
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "request_id": atoms.get("{x-request-id}o"),
                "user_agent": atoms["a"],
            },
        )
