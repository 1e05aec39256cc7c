"""Candidate meeting places and road distances.

A group in travel mode "central" meets at one venue: one from a venues file the coordinator
gives, or else one of at most ``max_venues`` towns near the members (:func:`town_venues`; the
caller passes the towns above the population threshold), or, with the threshold at 0, one of
at most ``max_venues`` representative member locations. Bounding the number of venues bounds
the size of the meeting-place choice in the solver, whatever n is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from road import road_km


@dataclass(frozen=True)
class Venue:
    """A place a group can meet (``online``: no place, nobody travels; lat/lon are NaN)."""

    name: str
    lat: float
    lon: float
    online: bool = False


ONLINE = Venue("Online", math.nan, math.nan, online=True)  # the same word in Dutch


def representative_venues(
    lat: np.ndarray, lon: np.ndarray, places: list[str | None], max_venues: int, seed: int = 0
) -> tuple[Venue, ...]:
    """Up to ``max_venues`` member locations that cover the members well.

    Distinct locations are used as they are when there are few; otherwise k-means++ (fixed
    seed) clusters them and each centre snaps to the member location nearest to it, so every
    venue is a real place someone gave. Named by place, never by person.
    """
    known = ~(np.isnan(lat) | np.isnan(lon))
    if not known.any():
        return ()
    coords = np.column_stack([lat[known], lon[known]])
    names = [p for p, k in zip(places, known, strict=True) if k]
    distinct, first = np.unique(coords.round(4), axis=0, return_index=True)
    if len(distinct) <= max_venues:
        chosen = sorted(first)
    else:
        scale = _scale(coords)
        chosen = []
        for centre in _centres(distinct, scale, max_venues, seed):
            nearest = int(np.argmin(((coords * scale - centre * scale) ** 2).sum(axis=1)))
            if nearest not in chosen:
                chosen.append(nearest)
        chosen.sort()
    return _named(coords, names, chosen)


def town_venues(
    lat: np.ndarray, lon: np.ndarray, towns: Sequence[Venue], max_venues: int, seed: int = 0
) -> tuple[Venue, ...]:
    """Up to ``max_venues`` of ``towns`` (places big enough to meet in) that serve the members.

    Each member's nearest town is a candidate; when those are more than ``max_venues``, the
    member locations are clustered (k-means++, fixed seed) and each cluster's centre goes to
    its nearest town instead. Road km as everywhere (:func:`road.road_km`). Towns keep their order
    in ``towns``, so the same input gives the same venues.
    """
    known = ~(np.isnan(lat) | np.isnan(lon))
    if not known.any() or not towns:
        return ()
    coords = np.column_stack([lat[known], lon[known]])
    distinct = np.unique(coords.round(4), axis=0)
    town_lat = np.array([t.lat for t in towns])
    town_lon = np.array([t.lon for t in towns])

    def nearest(points: np.ndarray) -> set[int]:
        km = road_km(points[:, :1], points[:, 1:], town_lat[None, :], town_lon[None, :])
        return {int(i) for i in np.argmin(km, axis=1)}

    chosen = nearest(distinct)
    if len(chosen) > max_venues:
        chosen = nearest(_centres(distinct, _scale(coords), max_venues, seed))
    return tuple(towns[i] for i in sorted(chosen))


def _scale(coords: np.ndarray) -> np.ndarray:
    """Degrees of longitude are shorter than degrees of latitude away from the equator."""
    return np.array([1.0, np.cos(np.radians(coords[:, 0].mean()))])


def _centres(distinct: np.ndarray, scale: np.ndarray, count: int, seed: int) -> np.ndarray:
    """``count`` k-means++ centres (lat, lon) of the distinct member locations."""
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=count, init="k-means++", n_init=1, random_state=seed)
    km.fit(distinct * scale)
    return km.cluster_centers_ / scale


def _named(coords: np.ndarray, names: list[str | None], chosen: list[int]) -> tuple[Venue, ...]:
    """Venues at ``coords[chosen]``, named by place; repeated names get a numeric suffix."""
    venues, seen = [], {}
    for index in chosen:
        lat, lon = float(coords[index, 0]), float(coords[index, 1])
        base = names[index] or f"{lat:.3f}, {lon:.3f}"
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base} ({seen[base]})"
        venues.append(Venue(name, lat, lon))
    return tuple(venues)
