"""Who hosts which meeting when a group meets at members' places in turn (travel mode rotating).

Hosting in strict turns lets one member carry the journey: the one who lives far from the rest
travels far every time someone else hosts. :func:`hosting_plan` keeps the turns about equal
(everyone hosts their share of the meetings, give or take one) and, within that, chooses how
often each member hosts so that the member who travels most over the year travels as little as
possible (then the group's total); the programme plan reads who hosts which meeting from it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from road import road_km

# A programme year: meetings every 6 to 8 weeks, the group evaluates at the 5th and the 6th may
# be the last (seeds 000, 001, 003, 004).
MEETINGS_PER_YEAR = 6
TURN_SLACK = 1  # a member may host one meeting more or fewer than an equal share
_MAX_COMBINATIONS = 200_000  # beyond this (large groups, many meetings) turns stay equal


@dataclass(frozen=True)
class HostingPlan:
    """``hosts[m]`` is the pid hosting meeting ``m + 1``; ``travel_km[pid]`` each member's mean
    road km per meeting over the year (members without a location are absent from both)."""

    hosts: tuple[str, ...]
    travel_km: dict[str, float]


def hosting_plan(
    pids: Sequence[str],
    lat: Sequence[float],
    lon: Sequence[float],
    meetings: int = MEETINGS_PER_YEAR,
    balance: bool = True,
) -> HostingPlan:
    """The hosting of one group's ``meetings`` among members ``pids`` at ``lat``/``lon``.

    With ``balance`` each member hosts ``meetings / members`` times give or take
    ``TURN_SLACK``, chosen to minimise the largest yearly travel, then the total; without it the
    turns are as equal as they can be, in member order. Deterministic: ties go to the earlier
    member.
    """
    lat_a = np.asarray(pd.to_numeric(pd.Series(lat, dtype=object), errors="coerce"), float)
    lon_a = np.asarray(pd.to_numeric(pd.Series(lon, dtype=object), errors="coerce"), float)
    located = [k for k in range(len(pids)) if not (np.isnan(lat_a[k]) or np.isnan(lon_a[k]))]
    if not located or meetings < 1:
        return HostingPlan((), {})
    km = road_km(
        lat_a[located][:, None],
        lon_a[located][:, None],
        lat_a[located][None, :],
        lon_a[located][None, :],
    )
    counts = _counts(km, meetings, balance)
    travel = counts @ km.T / meetings  # member i: sum over hosts h of count_h * km[i, h]
    hosts = _order([pids[k] for k in located], counts)
    return HostingPlan(hosts, {pids[k]: round(float(travel[n]), 1) for n, k in enumerate(located)})


def _counts(km: np.ndarray, meetings: int, balance: bool) -> np.ndarray:
    """Meetings hosted per member: equal turns, or within the slack the fairest travel."""
    size = len(km)
    base, extra = divmod(meetings, size)
    equal = np.array([base + (k < extra) for k in range(size)], dtype=np.int64)
    low, high = max(0, math.floor(meetings / size) - TURN_SLACK), math.ceil(meetings / size)
    high += TURN_SLACK
    if not balance or (high - low + 1) ** size > _MAX_COMBINATIONS:
        return equal
    options = np.array(list(itertools.product(range(low, high + 1), repeat=size)), np.int64)
    options = options[options.sum(axis=1) == meetings]
    yearly = options @ km.T  # (options, members): each member's km over the year
    # integer tenths of a km so that float noise cannot decide between equal plans
    worst = np.rint(yearly.max(axis=1) * 10).astype(np.int64)
    total = np.rint(yearly.sum(axis=1) * 10).astype(np.int64)
    spread = np.abs(options - meetings / size).sum(axis=1)  # prefer turns nearer equal
    best = np.lexsort((spread, total, worst))[0]
    return options[best]


def _order(pids: Sequence[str], counts: np.ndarray) -> tuple[str, ...]:
    """Meetings in rounds: every host once per round, in member order, so repeats lie apart."""
    left = counts.copy()
    hosts: list[str] = []
    while left.any():
        for k in np.flatnonzero(left > 0).tolist():
            hosts.append(pids[k])
            left[k] -= 1
    return tuple(hosts)
