"""Request ids and the structured request log.

Every response carries `X-Request-ID`: the proxy's when it sent a well-formed one
(nginx's $request_id, docs/deployment.md), otherwise a new one. The id is in a
context variable while the request runs, so every log record made meanwhile
carries it (RequestIdFilter), including Django's own "Internal Server Error" record
with its traceback, and the JSON 500/503 bodies of conflictmap/faults.py.
"""

import contextvars
import logging
import re
import time
import uuid

request_id_var = contextvars.ContextVar("request_id", default=None)
logger = logging.getLogger("conflictmap.request")

# What we accept from upstream: short and harmless in a log line or a header.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id():
    return request_id_var.get()


class RequestIdFilter(logging.Filter):
    """Adds request_id to every record made while a request runs (None outside requests)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    """First in MIDDLEWARE: sets the request id, times the request, logs one JSON line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
