"""Reference data of the generator: phrasings, names, regions, postcodes and places."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import pandas as pd

from intake.samples.spec import DATA_DIR


@cache
def vocab() -> dict[str, Any]:
    """The phrasings, names and regions of ``data/sample_vocab.toml``."""
    with (DATA_DIR / "sample_vocab.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def postcode_table() -> pd.DataFrame:
    """NL PC4 and BE postcodes with place, coordinates and country, one row per postcode."""
    nl = pd.read_csv(DATA_DIR / "nl_pc4.csv", dtype={"postcode": str})
    be = pd.read_csv(DATA_DIR / "be_postcodes.csv", dtype={"postcode": str})
    nl["country"], be["country"] = "NL", "BE"
    nl["municipality_name"] = nl["municipality"]
    be["municipality_name"] = be["place"]
    cols = ["postcode", "place", "municipality_name", "lat", "lon", "country"]
    return pd.concat([nl[cols], be[cols]], ignore_index=True)


@cache
def place_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(lower-case place name, country) -> coordinates of its most populous GeoNames entry."""
    places = pd.read_csv(DATA_DIR / "places.csv").sort_values("population", ascending=False)
    coords: dict[tuple[str, str], tuple[float, float]] = {}
    for key, country, lat, lon in places[["key", "country", "lat", "lon"]].itertuples(index=False):
        coords.setdefault((key, country), (float(lat), float(lon)))
    return coords


def known_place(name: str, country: str) -> bool:
    """Whether a written place name is in the GeoNames place list."""
    return (name.strip().lower(), country) in place_coordinates()


def known_postcode(code: str, country: str) -> bool:
    """Whether a 4-digit postcode exists in the country's postcode table."""
    return (code, country) in _postcode_keys()


@cache
def _postcode_keys() -> frozenset[tuple[str, str]]:
    table = postcode_table()
    return frozenset(zip(table["postcode"], table["country"], strict=True))
