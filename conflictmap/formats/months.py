"""Month names in the genitive ("2 ноября"), which date format "E" reads through Django's
pgettext("alt. month", ...). Django's own Armenian catalogue has no such entries, so they are
declared here to put them in ours (locale/*/LC_MESSAGES/django.po), which Django reads first.
Nothing imports this module: makemessages reads it.
"""

from django.utils.translation import pgettext_lazy

ALT_MONTHS = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
