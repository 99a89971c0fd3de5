"""The public querysets: everything the API (and public pages) may show starts here.

Every public endpoint, its filters and its hand-built SQL take their rows from
these functions and nowhere else, so restricting what the public sees (e.g.
adding `.published()`) is a change in this file only.
"""

from .models import AlternateName, Claim, Conflict, ControlChange, Event, Party, Place


def public_conflicts():
    return Conflict.objects.all()


def public_parties():
    return Party.objects.all()


def public_places():
    return Place.objects.all()


def public_alternate_names():
    return AlternateName.objects.all()


def public_events():
    return Event.objects.all()


def public_control_changes():
    # Retracted changes never count for control (see ControlChangeQuerySet.effective),
    # so the public timeline does not list them either.
    return ControlChange.objects.effective()


def public_claims():
    return Claim.objects.all()
