"""Template helpers for embeds: oEmbed discovery on map pages, verification and sub-event type labels."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..choices import SUB_EVENT_TYPE_LABELS, Verification

register = template.Library()


@register.filter
def verification_label(value):
    return dict(Verification.choices).get(value, value)


@register.filter
def sub_event_type_label(value):
    """ACLED's sub-event type (stored in English) in the interface language."""
    return SUB_EVENT_TYPE_LABELS.get(value, value)


@register.simple_tag(takes_context=True)
def oembed_discovery(context, conflict):
    """<link rel="alternate" type="application/json+oembed"> for a conflict's page (put it in <head>)."""
    request = context["request"]
    page = request.build_absolute_uri(request.get_full_path())
    href = request.build_absolute_uri(reverse("oembed") + "?" + urlencode({"url": page, "format": "json"}))
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, conflict.name
    )
