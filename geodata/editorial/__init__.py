"""The editorial side of the data: states, transitions, optimistic locking, history, corrections.

The models in geodata/models/ are built from these pieces; nothing here imports
the models (what it needs of them is reached through relations).
"""

from .locking import StaleRecord, Versioned, bump_version_trigger
from .states import EDITORS_GROUP, REVIEWERS_GROUP, State, is_reviewer
from .workflow import EditorialRecord, PublishableQuerySet

__all__ = [
    "EDITORS_GROUP",
    "REVIEWERS_GROUP",
    "EditorialRecord",
    "PublishableQuerySet",
    "StaleRecord",
    "State",
    "Versioned",
    "bump_version_trigger",
    "is_reviewer",
]
