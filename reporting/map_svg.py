"""The report's map, drawn offline as an inline SVG: a faint silhouette of the Netherlands and
Belgium from the bundled postcode centroids with province names, each group in its own colour
and marker shape, and each group's meeting place marked with the group number.

No map tiles are fetched (nothing leaves the machine); the silhouette is every bundled PC4
(NL) and postcode (BE) centroid inside the map's frame, which is dense enough to show the coast,
the rivers and the borders.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

import pandas as pd

from optimiser.intervision.lineup import LineupReport
from optimiser.intervision.venues import Venue

COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39",
)  # fmt: skip
SHAPES = ("circle", "square", "triangle", "diamond")
_MARGIN_DEG = 0.12  # room around the participants, so the silhouette gives them a context
_MIN_SPAN_DEG = (0.9, 1.4)  # smallest frame (lat, lon): a few towns around, not one street
_TOWNS = 10  # the largest towns in the frame are named, for orientation
_LAND = "#dfe5ea"
_PROVINCE_INK = "#8a96a3"


@dataclass(frozen=True)
class Marker:
    """How one group is drawn: a colour and a shape, distinct for up to 48 groups."""

    colour: str
    shape: str


def marker(index: int) -> Marker:
    """The marker of the ``index``-th group (0-based): colours first, then shapes."""
    return Marker(COLOURS[index % len(COLOURS)], SHAPES[(index // len(COLOURS)) % len(SHAPES)])


@cache
def _silhouette() -> pd.DataFrame:
    """lat, lon, province of every bundled NL PC4 and BE postcode centroid."""
    data = files("intake") / "data"
    frames = []
    for name in ("nl_pc4.csv", "be_postcodes.csv"):
        with (data / name).open("r", encoding="utf-8") as handle:
            frame = pd.read_csv(handle, usecols=["lat", "lon", "province"])
        frames.append(frame)
    return pd.concat(frames, ignore_index=True).dropna(subset=["lat", "lon"])


@cache
def _towns() -> pd.DataFrame:
    """name, lat, lon, population of the bundled towns, largest first."""
    with (files("intake") / "data" / "places.csv").open("r", encoding="utf-8") as handle:
        places = pd.read_csv(
            handle, usecols=["name", "alias_of", "kind", "lat", "lon", "population"]
        )
    towns = places[(places["kind"] == "place") & places["alias_of"].isna()]
    towns = towns.dropna(subset=["lat", "lon", "population"])
    return towns.sort_values("population", ascending=False).drop_duplicates("name")


def _span(low: float, high: float, least: float) -> tuple[float, float]:
    """``low..high`` with a margin, widened around its middle to at least ``least``."""
    low, high = low - _MARGIN_DEG, high + _MARGIN_DEG
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    return low, high


class _Projection:
    """Equirectangular around the frame's middle latitude, scaled to ``width`` pixels."""

    def __init__(self, lats: Sequence[float], lons: Sequence[float], width: int) -> None:
        self.south, self.north = _span(min(lats), max(lats), _MIN_SPAN_DEG[0])
        self.west, self.east = _span(min(lons), max(lons), _MIN_SPAN_DEG[1])
        self.cos = math.cos(math.radians((self.south + self.north) / 2))
        span_x = (self.east - self.west) * self.cos
        span_y = self.north - self.south
        self.scale = width / max(span_x, span_y * 0.6, 0.05)
        self.width = width
        self.height = max(160, round(span_y * self.scale))

    def inside(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            (lon - self.west) * self.cos * self.scale,
            (self.north - lat) * self.scale,
        )


def _shape(kind: str, x: float, y: float, r: float, fill: str, extra: str = "") -> str:
    if kind == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" '
            f'fill="{fill}"{extra}/>'
        )
    if kind == "triangle":
        points = (
            f"{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r:.1f} {x + r * 1.1:.1f},{y + r:.1f}"
        )
        return f'<polygon points="{points}" fill="{fill}"{extra}/>'
    if kind == "diamond":
        points = (
            f"{x:.1f},{y - r * 1.3:.1f} {x + r:.1f},{y:.1f} "
            f"{x:.1f},{y + r * 1.3:.1f} {x - r:.1f},{y:.1f}"
        )
        return f'<polygon points="{points}" fill="{fill}"{extra}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}"{extra}/>'


def map_svg(table: pd.DataFrame, lineup: LineupReport, title: str, width: int = 720) -> str:
    """The map as SVG markup (empty when nobody has coordinates)."""
    points = table[["lat", "lon"]].apply(pd.to_numeric, errors="coerce").dropna()
    venues = [(i, g.venue) for i, g in enumerate(lineup.groups) if _has_place(g.venue)]
    lats = [*points["lat"], *(v.lat for _, v in venues)]
    lons = [*points["lon"], *(v.lon for _, v in venues)]
    if not lats:
        return ""
    project = _Projection(lats, lons, width)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{project.width}" '
        f'height="{project.height}" viewBox="0 0 {project.width} {project.height}" '
        f'role="img" aria-label="{escape(title)}" class="map-svg">',
        f'<rect width="{project.width}" height="{project.height}" fill="#f7f9fb"/>',
    ]
    land = _silhouette()
    land = land[
        land["lat"].between(project.south, project.north)
        & land["lon"].between(project.west, project.east)
    ]
    dots = "".join(
        "M{:.1f} {:.1f}h0".format(*project(lat, lon))
        for lat, lon in zip(land["lat"], land["lon"], strict=True)
    )
    if dots:  # one round dot per centroid, about as wide as the ~5 km between centroids
        dot = min(max(0.075 * project.scale, 3.0), 14.0)
        parts.append(
            f'<path d="{dots}" stroke="{_LAND}" stroke-width="{dot:.1f}" '
            'stroke-linecap="round" fill="none"/>'
        )
    for province, spot in land.groupby("province")[["lat", "lon"]].mean().iterrows():
        if len(land[land["province"] == province]) < 25:
            continue  # a province only touched by the frame's edge
        x, y = project(spot["lat"], spot["lon"])
        parts.append(
            f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle" font-size="11" '
            f'fill="{_PROVINCE_INK}" letter-spacing="1">{escape(str(province)).upper()}</text>'
        )
    parts += _town_names(project)
    group_of = {pid: i for i, g in enumerate(lineup.groups) for pid in g.pids}
    for pid, row in points.iterrows():
        x, y = project(row["lat"], row["lon"])
        if pid in group_of:
            look = marker(group_of[pid])
            parts.append(_shape(look.shape, x, y, 3.6, look.colour, ' opacity="0.9"'))
        else:
            parts.append(_shape("circle", x, y, 3.0, "#ffffff", ' stroke="#57606a"'))
    parts += _venue_pins(lineup, _pin_spots(lineup, points), project)
    parts.append("</svg>")
    return "".join(parts)


def _town_names(project: _Projection) -> list[str]:
    """The largest towns inside the frame: a small dot and their name, for orientation."""
    towns = _towns()
    inside = towns[
        towns["lat"].between(project.south, project.north)
        & towns["lon"].between(project.west, project.east)
    ].head(_TOWNS)
    parts = []
    for town in inside.itertuples(index=False):
        x, y = project(town.lat, town.lon)
        near_edge = x > project.width - 90  # name to the left, inside the frame
        anchor, x_text = (' text-anchor="end"', x - 8) if near_edge else ("", x)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#8a96a3"/>'
            f'<text x="{x_text + 4:.1f}" y="{y - 4:.1f}" font-size="10" fill="#6b7785"{anchor}>'
            f"{escape(str(town.name))}</text>"
        )
    return parts


def _has_place(venue: Venue | None) -> bool:
    """A venue on the map: not none and not online (which has no coordinates)."""
    return venue is not None and not venue.online


def _pin_spots(lineup: LineupReport, points: pd.DataFrame) -> list[tuple[int, float, float, bool]]:
    """Where each group's number goes: (index, lat, lon, at a venue). Without a venue (members
    host in turn) it is the middle of the members with coordinates."""
    spots = []
    for index, group in enumerate(lineup.groups):
        if _has_place(group.venue):
            spots.append((index, group.venue.lat, group.venue.lon, True))
            continue
        inside = points.loc[points.index.intersection(list(group.pids))]
        if not inside.empty:
            spots.append((index, float(inside["lat"].mean()), float(inside["lon"].mean()), False))
    return spots


def _venue_pins(lineup: LineupReport, spots, project: _Projection) -> list[str]:
    """A numbered ring per group at its meeting place (dashed at the middle of the members when
    there is no fixed place); groups sharing a place sit side by side."""
    parts = []
    seen: dict[tuple[float, float], int] = {}
    for index, lat, lon, at_venue in spots:
        x, y = project(lat, lon)
        key = (round(x), round(y))
        shift = seen.get(key, 0)
        seen[key] = shift + 1
        # 0, +20, -20, +40, ... px, kept inside the frame
        x += 20 * ((shift + 1) // 2) * (1 if shift % 2 else -1)
        x = min(max(x, 10.0), project.width - 10.0)
        look = marker(index)
        number = lineup.groups[index].group
        dash = "" if at_venue else ' stroke-dasharray="3 2"'
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#ffffff" stroke="{look.colour}" '
            f'stroke-width="3"{dash}/>'
            f'<text x="{x:.1f}" y="{y + 3.8:.1f}" text-anchor="middle" font-size="10" '
            f'font-weight="700" fill="#1d2733">{number}</text>'
        )
    return parts


def legend_svg(index: int, size: int = 14) -> str:
    """The group's marker as a small inline SVG for the legend."""
    look = marker(index)
    centre = size / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" aria-hidden="true">'
        + _shape(look.shape, centre, centre, size / 3, look.colour)
        + "</svg>"
    )
