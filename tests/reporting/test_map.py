"""The report's map: an offline silhouette with province names, a distinct marker per group and
each group's meeting place numbered."""

from __future__ import annotations

import re

import pandas as pd

from optimiser.intervision.lineup import GroupReport, LineupReport
from optimiser.intervision.venues import Venue
from reporting.map_svg import COLOURS, SHAPES, map_svg, marker


def lineup(groups: int) -> tuple[pd.DataFrame, LineupReport]:
    pids = [f"R{i:04d}" for i in range(2, 2 + 2 * groups)]
    table = pd.DataFrame(
        {"lat": [52.0 + 0.01 * i for i in range(len(pids))], "lon": [5.1] * len(pids)},
        index=pids,
    )
    reports = tuple(
        GroupReport(
            g + 1,
            tuple(pids[2 * g : 2 * g + 2]),
            None,
            Venue(f"Plek {g}", 52.0 + 0.02 * g, 5.12) if g % 2 == 0 else None,
            {},
            0,
            (),
            (),
        )
        for g in range(groups)
    )
    return table, LineupReport(reports, (), 0, {}, 0)


def test_the_map_has_a_silhouette_provinces_and_towns_and_fetches_nothing():
    table, report = lineup(3)
    svg = map_svg(table, report, "Map")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'stroke-linecap="round"' in svg  # the postcode-centroid silhouette
    assert "UTRECHT" in svg  # province names
    assert ">Utrecht</text>" in svg  # the largest towns, for orientation
    assert not re.search(r'(href|src)="', svg) and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_every_group_has_a_numbered_ring_at_its_place_or_in_its_middle():
    table, report = lineup(4)
    svg = map_svg(table, report, "Map")
    numbers = re.findall(r'font-weight="700" fill="#1d2733">(\d+)</text>', svg)
    assert numbers == ["1", "2", "3", "4"]
    assert svg.count('stroke-dasharray="3 2"') == 2  # groups 2 and 4 have no fixed place


def test_markers_are_distinct_for_many_groups():
    looks = {marker(i) for i in range(len(COLOURS) * len(SHAPES))}
    assert len(looks) == len(COLOURS) * len(SHAPES) == 48


def test_nobody_with_coordinates_gives_no_map():
    table, report = lineup(1)
    assert map_svg(table.assign(lat=float("nan")), report.__class__((), (), 0, {}, 0), "M") == ""
