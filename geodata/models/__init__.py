"""The conflict data model, one module per model family, each queryset beside its model.

Every fact about a war is somebody's claim: control changes and events carry
Claims (who says so, where it was reported, asserting or denying). What must
never be stored is refused by the database itself (check constraints and the
triggers in each model's Meta), and the same rules run in model validation so
editors get a form error instead of a crash. Public code never imports this
package: it reads through geodata/public.py (a contract in .importlinter checks it).
"""

from .acled import ActorMapping, ImportedRow, ImportJob
from .claim import Claim, ClaimQuerySet
from .control import ControlChange, ControlChangeQuerySet
from .correction import Correction, CorrectionQuerySet
from .dataversion import DataVersion
from .event import Event, EventQuerySet
from .place import AlternateName, Place, PlaceQuerySet
from .reference import Conflict, Party, Source
from .territory import TerritoryKind, TerritorySeries, TerritoryVersion, TerritoryVersionQuerySet

__all__ = [
    "ActorMapping",
    "ImportedRow",
    "ImportJob",
    "AlternateName",
    "Claim",
    "ClaimQuerySet",
    "Conflict",
    "ControlChange",
    "ControlChangeQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "DataVersion",
    "Event",
    "EventQuerySet",
    "Party",
    "Place",
    "PlaceQuerySet",
    "Source",
    "TerritoryKind",
    "TerritorySeries",
    "TerritoryVersion",
    "TerritoryVersionQuerySet",
]
