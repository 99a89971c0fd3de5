"""Template helpers for embeds: oEmbed discovery on map pages, verification and sub-event type labels."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import dateformat, formats, translation
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


@register.simple_tag
def time_tag(value, machine="Y-m-d"):
    """<time datetime="2020-11-02">2 November 2020</time>, the date in the active language's DATE_FORMAT.

    Used as `{% time_tag x as when %}` so that a whole sentence, its date included, is one message
    for the translators ("since %(when)s"), not fragments around the date.
    """
    return format_html('<time datetime="{}">{}</time>', dateformat.format(value, machine), formats.date_format(value))


@register.simple_tag
def source_link(source):
    """The outlet of a claim's source, linked to the report (opens outside the embed)."""
    return format_html('<a href="{}" target="_blank" rel="noopener nofollow">{}</a>', source.url, source.outlet)


# Dotted and dotless i: lower-casing "İddia" must give "iddia" in Azerbaijani (and Turkish), not "i̇ddia".
DOTTED_I = str.maketrans({"I": "ı", "İ": "i"})


@register.filter
def lower_label(value):
    """A label in lower case, by the rules of the active language (the |lower filter knows none)."""
    text = str(value)
    if (translation.get_language() or "").split("-")[0] in ("az", "tr"):
        text = text.translate(DOTTED_I)
    return text.lower()
