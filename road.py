"""Road distance between two points: the one estimate every part of the product uses.

Road km are estimated as ``ROAD_FACTOR`` x the great-circle (haversine) distance; no road
network is shipped. Geocoding and the synthetic samples (``intake``), the feasibility
diagnosis, the meeting places, travel costs and hosting (``optimiser``) and the facilitators'
travel (``planning``) all read it here, so a travel limit means the same everywhere. ``intake``
and ``optimiser`` do not import each other: like ``limits``, this is a top-level module.

The feasibility diagnosis compares distances as central angles (a dot product of unit vectors
is the cosine of the angle, so a block of people against everyone is one matrix product):
:func:`unit_vectors`, :func:`road_km_of_cosine` and :func:`cosine_of_road_km` are the same
distance in that form.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
ROAD_FACTOR = 1.3  # road distance ≈ 1.3 x straight line (docs/participant_table.md)


def haversine_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> float | NDArray[np.float64]:
    """Great-circle distance in km; numpy arrays broadcast, plain numbers give a float."""
    if all(isinstance(v, (int, float)) for v in (lat1, lon1, lat2, lon2)):
        phi1, phi2 = math.radians(lat1), math.radians(lat2)
        half = (
            math.sin((phi2 - phi1) / 2) ** 2
            + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, half)))
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(np.subtract(lon2, lon1)) / 2) ** 2
    )
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, half)))
    return float(distance) if np.ndim(distance) == 0 else distance


def road_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> float | NDArray[np.float64]:
    """Estimated road km (``ROAD_FACTOR`` x haversine); arrays broadcast, numbers give a float.
    NaN coordinates give NaN."""
    return ROAD_FACTOR * haversine_km(lat1, lon1, lat2, lon2)


def travel_limits(answers: ArrayLike, default_km: float) -> NDArray[np.float64]:
    """Each person's maximum one-way road km: their own answer, or ``default_km`` for people
    who gave none (NaN, unlimited, only when the default is 0): what the solver's meeting-place
    rule and the feasibility diagnosis both hold people to."""
    limits = np.asarray(answers, dtype=float)
    return np.where(np.isnan(limits) & (default_km > 0), float(default_km), limits)


def unit_vectors(lat: ArrayLike, lon: ArrayLike) -> NDArray[np.float64]:
    """Points on the unit sphere, one row per (lat, lon) in degrees (NaN stays NaN)."""
    phi, lam = np.radians(np.asarray(lat, dtype=float)), np.radians(np.asarray(lon, dtype=float))
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def road_km_of_cosine(cosine: ArrayLike) -> NDArray[np.float64]:
    """Road km between two points whose unit vectors have this dot product."""
    return ROAD_FACTOR * EARTH_RADIUS_KM * np.arccos(np.clip(cosine, -1.0, 1.0))


def cosine_of_road_km(km: ArrayLike) -> NDArray[np.float64]:
    """The smallest dot product of unit vectors that are at most ``km`` road km apart (NaN km:
    no limit, -1); compare with ``>=`` (and a small tolerance) to test a limit."""
    angle = np.where(
        np.isnan(km), np.pi, np.asarray(km, dtype=float) / (ROAD_FACTOR * EARTH_RADIUS_KM)
    )
    return np.cos(np.clip(angle, 0.0, np.pi))
