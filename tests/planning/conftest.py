"""Small hand-made planning instances shared by the planning tests."""

from __future__ import annotations

import math
from datetime import date

import pytest

from planning.model import Facilitator, Place, PlanGroup

UTRECHT = Place("Utrecht", 52.0908, 5.1222)
ZWOLLE = Place("Zwolle", 52.5125, 6.0944)
APELDOORN = Place("Apeldoorn", 52.21, 5.9694)
START = date(2027, 1, 11)
END = date(2027, 12, 31)


def group(number: int, **changes) -> PlanGroup:
    """A group of three in Utrecht that meets on any workday morning."""
    values = {
        "group": number,
        "pids": tuple(f"R{number}{i}" for i in range(3)),
        "names": tuple(f"Person {number}.{i}" for i in range(3)),
        "moment": "morning",
        "venue": UTRECHT,
        "weekdays": ("mon", "tue", "wed", "thu", "fri"),
        "countries": ("NL",),
        "organisations": frozenset({"zorg noord"}),
        "emails": frozenset(),
        "families": frozenset({"wijkverpleging"}),
        "experience": (0, 1, 2),
    }
    values.update(changes)
    return PlanGroup(**values)


def facilitator(fid: str, **changes) -> Facilitator:
    """A facilitator in Utrecht with room for two groups, available always."""
    values = {"fid": fid, "source_row": int(fid[1:]) + 1, "name": f"Facilitator {fid}",
              "home": UTRECHT, "capacity": 2, "max_travel_km": 60.0}  # fmt: skip
    values.update(changes)
    return Facilitator(**values)


@pytest.fixture
def no_place() -> Place:
    return Place("nowhere", math.nan, math.nan)
