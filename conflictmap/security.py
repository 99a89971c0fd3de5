"""Small security helpers referenced from settings."""

from django.conf import settings


def client_ip(request):
    """The client's IP address for django-axes.

    With TRUSTED_PROXY_COUNT = 0 it is REMOTE_ADDR. Behind N proxies that each append
    to X-Forwarded-For it is the Nth entry from the right: anything further left was
    written by the client and cannot be trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
