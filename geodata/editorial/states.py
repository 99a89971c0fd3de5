"""Editorial states and who may review.

Workflow: draft -> in review -> published -> withdrawn, with "send back" from
review to draft. Only published records are public (the `.published()`
queryset methods and geodata/public.py).
"""

from django.db import models
from django.utils.translation import pgettext_lazy

REVIEWERS_GROUP = "Reviewers"
EDITORS_GROUP = "Editors"


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("editorial state", "draft")
    IN_REVIEW = "in_review", pgettext_lazy("editorial state", "in review")
    PUBLISHED = "published", pgettext_lazy("editorial state", "published")
    WITHDRAWN = "withdrawn", pgettext_lazy("editorial state", "withdrawn")


def is_reviewer(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()
