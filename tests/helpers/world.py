"""The small world most model and workflow tests start from."""

from dataclasses import dataclass

from geodata.models import Conflict, Party, Place
from tests.helpers import factories as f


@dataclass
class World:
    conflict: Conflict
    alpha: Party
    bravo: Party
    place: Place


def world():
    """A conflict, two parties (Alpha and Bravo) and a place (Village); nothing links them yet."""
    return World(conflict=f.conflict(), alpha=f.party("Alpha"), bravo=f.party("Bravo"), place=f.place("Village"))
