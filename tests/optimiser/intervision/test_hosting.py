"""Hosting in turn (travel mode rotating): turns about equal, yearly travel as equal as they
allow, and the plan says who hosts which meeting."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optimiser.intervision.build import build_problem
from optimiser.intervision.hosting import TURN_SLACK, hosting_plan
from optimiser.intervision.lineup import evaluate_lineup, hosting_of
from optimiser.intervision.settings import IntervisionSettings
from road import road_km

from .conftest import make_table

# five neighbours in a town and one member 0.4 degrees north (about 58 road km)
PIDS = tuple(f"P{k}" for k in range(6))
LAT = [52.0, 52.005, 52.01, 52.015, 52.02, 52.4]
LON = [5.0] * 6


def _yearly(hosts, pids, lat, lon):
    """Each member's km over the year, recomputed from the plan's hosts."""
    where = {p: (a, o) for p, a, o in zip(pids, lat, lon, strict=True)}
    return {p: sum(float(road_km(*where[p], *where[h])) for h in hosts) for p in pids if p in where}


def test_the_far_member_hosts_more_than_in_strict_turns_and_travels_less_over_the_year():
    fair = hosting_plan(PIDS, LAT, LON, meetings=6)
    equal = hosting_plan(PIDS, LAT, LON, meetings=6, balance=False)
    assert Counter(equal.hosts) == Counter(PIDS)  # strict turns: everyone once
    assert Counter(fair.hosts)["P5"] == 1 + TURN_SLACK
    assert max(fair.travel_km.values()) < max(equal.travel_km.values())
    yearly = _yearly(fair.hosts, PIDS, LAT, LON)
    for pid, km in fair.travel_km.items():
        assert km == pytest.approx(yearly[pid] / 6, abs=0.06)


def test_repeated_hosts_are_spread_over_the_year():
    plan = hosting_plan(PIDS, LAT, LON, meetings=12)
    assert len(plan.hosts) == 12
    for a, b in zip(plan.hosts, plan.hosts[1:], strict=False):
        assert a != b


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(51.0, 53.0), st.floats(4.0, 6.0)), min_size=1, max_size=8),
    st.integers(1, 10),
)
def test_a_plan_holds_every_meeting_with_turns_near_equal_and_is_no_less_fair_than_turns(
    places, meetings
):
    pids = tuple(f"P{k}" for k in range(len(places)))
    lat, lon = [p[0] for p in places], [p[1] for p in places]
    fair = hosting_plan(pids, lat, lon, meetings)
    equal = hosting_plan(pids, lat, lon, meetings, balance=False)
    assert len(fair.hosts) == meetings and set(fair.hosts) <= set(pids)
    share = meetings / len(pids)
    counts = Counter(fair.hosts)
    assert all(share - 1 - TURN_SLACK < counts[p] < share + 1 + TURN_SLACK for p in pids)
    assert max(fair.travel_km.values()) <= max(equal.travel_km.values()) + 0.1
    assert hosting_plan(pids, lat, lon, meetings) == fair  # deterministic


def test_members_without_a_location_neither_host_nor_get_a_figure():
    plan = hosting_plan(("A", "B", "C"), [52.0, np.nan, 52.1], [5.0, np.nan, 5.0], meetings=4)
    assert set(plan.hosts) == {"A", "C"} and set(plan.travel_km) == {"A", "C"}
    assert hosting_plan(("A",), [np.nan], [np.nan]).hosts == ()


def test_rotating_reports_name_the_hosts_and_the_yearly_travel():
    table = make_table(
        [{"function": "Nurse", "lat": a, "lon": o} for a, o in zip(LAT, LON, strict=True)]
    )
    settings_ = IntervisionSettings(travel_mode="rotating")
    ip = build_problem(table, settings_)
    lineup = {pid: 1 for pid in ip.pids}
    (group,) = evaluate_lineup(ip, lineup).groups
    plan = hosting_of(ip, group.pids)
    assert group.hosts == plan.hosts and len(group.hosts) == 6
    assert group.travel_km == plan.travel_km
    off = build_problem(table, settings_.with_overrides(rules={"travel_balance": {"level": "off"}}))
    (plain,) = evaluate_lineup(off, lineup).groups
    assert plain.hosts == () and plain.travel_km_max > group.travel_km_max
