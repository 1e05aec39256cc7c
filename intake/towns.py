"""Towns a group can meet in: the bundled GeoNames places with their population.

A meeting place has to be somewhere with rooms and a station, not a hamlet: the optimiser
chooses meeting places from the towns above a population threshold (the setting
``min_town_population``). GeoNames gives most small Dutch places population 0 and a few real
towns a village's figure (Houten: 1,335; the municipality has 50,223), so for Dutch places the
estimate is the larger of the GeoNames figure and the municipality's population times the
place's share of the municipality's postcodes (nl_pc4_places.csv): the main town of a
municipality gets most of it, a village with one of its twenty postcodes a twentieth.
Belgian places come from GeoNames cities500, which has real figures (SOURCES.md).
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from typing import NamedTuple

from intake.geo import DATA_DIR


class Town(NamedTuple):
    """One candidate meeting town."""

    name: str
    country: str
    lat: float
    lon: float
    population: int  # estimated as the module docstring says


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def all_towns() -> tuple[Town, ...]:
    """Every NL and BE place of the gazetteer with its estimated population, largest first."""
    municipality_population = {
        row["name"]: int(row["population"] or 0) for row in _rows("nl_municipalities.csv")
    }
    pairs = _rows("nl_pc4_places.csv")
    per_place = Counter((row["place"], row["municipality"]) for row in pairs)
    per_municipality = Counter(row["municipality"] for row in pairs)
    share: dict[str, float] = {}
    for (place, municipality), count in per_place.items():
        total = per_municipality[municipality]
        estimate = municipality_population.get(municipality, 0) * count / total
        share[place] = max(share.get(place, 0.0), estimate)
    towns = []
    for row in _rows("places.csv"):
        if row["alias_of"] or row["kind"] != "place":
            continue
        population = int(row["population"] or 0)
        if row["country"] == "NL":
            population = max(population, round(share.get(row["name"], 0.0)))
        towns.append(
            Town(row["name"], row["country"], float(row["lat"]), float(row["lon"]), population)
        )
    towns.sort(key=lambda t: (-t.population, t.name))
    return tuple(towns)


def towns_from(min_population: int) -> tuple[Town, ...]:
    """The towns with at least ``min_population`` inhabitants (estimated), largest first."""
    return tuple(t for t in all_towns() if t.population >= min_population)


def population_of(name: str) -> int | None:
    """The estimated population of the town called ``name`` (the largest of that name)."""
    return next((t.population for t in all_towns() if t.name == name), None)
