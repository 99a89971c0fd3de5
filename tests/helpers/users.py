"""Helpers for the editorial tests: users in the editors' and reviewers' groups."""

import itertools

from django.contrib.auth.models import Group, User

_seq = itertools.count(1)


def user(*groups, **kwargs):
    n = next(_seq)
    u = User.objects.create_user(f"user{n}", password="correct horse battery staple", is_staff=True, **kwargs)
    u.groups.add(*[Group.objects.get(name=name) for name in groups])
    return u


def editor():
    return user("Editors")


def reviewer():
    return user("Editors", "Reviewers")
