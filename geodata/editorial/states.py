"""Editorial states and who may review.

Workflow: draft -> in review -> published -> withdrawn, with "send back" from
review to draft. Only published records are public (the `.published()`
queryset methods and geodata/public.py).
"""

from django.db import models

REVIEWERS_GROUP = "Reviewers"
EDITORS_GROUP = "Editors"


class State(models.TextChoices):
    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "in review"
    PUBLISHED = "published", "published"
    WITHDRAWN = "withdrawn", "withdrawn"


def is_reviewer(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()
