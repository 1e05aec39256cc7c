"""The profile of an intake: how many people answered what, as counts and small bar charts.

A coordinator's first look at an intake: who comes to learn or to give, which learning styles,
how much time, which meeting moments, how far people travel, how big the function families are.
Counts come in a fixed category order so two intakes can be compared side by side.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from intake.analysis.functions import UNKNOWN_FAMILY
from moments import MOMENTS, moment_names

TIME_BINS_H = (0.0, 2.0, 4.0, 8.0, np.inf)
TIME_LABELS = ("< 2 h", "2-4 h", "4-8 h", ">= 8 h")
TRAVEL_BINS_KM = (0.0, 10.0, 25.0, 50.0, 100.0, np.inf)
TRAVEL_LABELS = ("<= 10 km", "10-25 km", "25-50 km", "50-100 km", "> 100 km")
NO_LIMIT = "no limit"

# Category orders per aspect; an aspect missing here is ordered by count.
_ORDER: dict[str, tuple] = {
    "learn_give": ("learn", "give", "both"),
    "learning_style": ("accommodating", "diverging", "assimilating", "converging"),
    "time_budget": TIME_LABELS,
    "meeting_moments": MOMENTS,
    "level": (0, 1, 2, 3),
    "experience": (0, 1, 2),
    "max_travel": (*TRAVEL_LABELS, NO_LIMIT),
}

_TITLES = {
    "learn_give": ("Learn or give", "Leren of geven"),
    "learning_style": ("Learning style", "Leerstijl"),
    "time_budget": ("Time per month", "Tijd per maand"),
    "meeting_moments": ("Meeting moments", "Momenten"),
    "level": ("Hierarchical level", "Hiërarchisch niveau"),
    "experience": ("Experience with intervision", "Ervaring met intervisie"),
    "max_travel": ("Maximum travel distance", "Maximale reisafstand"),
    "function_family": ("Function families", "Functiegroepen"),
}
_VALUE_NAMES_NL = {
    "learn": "leren",
    "give": "geven",
    "both": "beide",
    "accommodating": "doener",
    "diverging": "dromer",
    "assimilating": "denker",
    "converging": "beslisser",
    **moment_names("nl"),
    NO_LIMIT: "geen grens",
    UNKNOWN_FAMILY: "(onbekend)",
}
_LEVEL_NAMES = {
    0: ("staff", "medewerker"),
    1: ("senior", "senior"),
    2: ("manager", "leidinggevende"),
    3: ("director", "directie"),
}
_EXPERIENCE_NAMES = {0: ("none", "geen"), 1: ("some", "enige"), 2: ("experienced", "ervaren")}
_CHART_DPI = 80
_MOST_FAMILIES = 20  # a chart of more bars is unreadable; the rest is summed as "other"


def profile(table: pd.DataFrame) -> dict[str, pd.Series]:
    """Counts per answer for each aspect of the intake present in ``table``.

    Unanswered values are left out; categorical aspects list every category, also with 0.
    """
    counts: dict[str, pd.Series] = {}
    if "learn_give" in table:
        counts["learn_give"] = _ordered(table["learn_give"], "learn_give")
    if "learning_style" in table:
        counts["learning_style"] = _ordered(table["learning_style"], "learning_style")
    if "time_budget_h_per_month" in table:
        hours = pd.to_numeric(table["time_budget_h_per_month"], errors="coerce")
        binned = pd.cut(hours, TIME_BINS_H, labels=TIME_LABELS, right=False)
        counts["time_budget"] = _ordered(binned.astype(object), "time_budget")
    if "meeting_moments" in table:
        exploded = table["meeting_moments"].map(lambda m: tuple(m or ())).explode()
        counts["meeting_moments"] = _ordered(exploded, "meeting_moments")
    if "level" in table:
        counts["level"] = _ordered(table["level"], "level")
    if "experience" in table:
        counts["experience"] = _ordered(table["experience"], "experience")
    if "max_travel_km" in table:
        counts["max_travel"] = _ordered(_travel_bins(table["max_travel_km"]), "max_travel")
    if "function_family" in table:
        families = table["function_family"].value_counts(dropna=True, sort=False)
        counts["function_family"] = _by_count(families).rename("count")
    return counts


def profile_charts(table: pd.DataFrame, folder: Path, *, lang: str = "en") -> list[Path]:
    """One bar chart per answered aspect as ``profile_<aspect>.png`` in ``folder``; returns the
    paths (an aspect nobody answered gets no chart).

    Labels are English or Dutch (``lang="nl"``). Files carry no timestamp, so the same table
    gives the same bytes.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for aspect, counts in profile(table).items():
        if not counts.sum():
            continue  # nobody answered: an empty chart only shows meaningless axes
        path = folder / f"profile_{aspect}.png"
        _bar_chart(_readable(aspect, counts, lang), _title(aspect, lang), lang, path)
        paths.append(path)
    return paths


def _ordered(values: pd.Series, aspect: str) -> pd.Series:
    """Counts of ``values`` in the aspect's category order (0 for absent categories)."""
    present = values.dropna()
    present = present[present.map(lambda v: v in _ORDER[aspect])]
    counts = present.value_counts(sort=False)
    counts.index = counts.index.map(_plain)
    return counts.reindex(list(_ORDER[aspect]), fill_value=0).astype(int).rename("count")


def _plain(value):
    """A numpy or pandas integer as a Python int, so the category lookup matches."""
    return int(value) if isinstance(value, np.integer) else value


def _travel_bins(limits: pd.Series) -> pd.Series:
    """Travel limits as readable bands; NaN means the person set no limit."""
    km = pd.to_numeric(limits, errors="coerce")
    bands = pd.cut(km, TRAVEL_BINS_KM, labels=TRAVEL_LABELS, right=True, include_lowest=True)
    return bands.astype(object).where(km.notna(), NO_LIMIT)


def _by_count(counts: pd.Series) -> pd.Series:
    """Largest first, ties alphabetical: the same order for the same counts."""
    frame = counts.rename("count").rename_axis("value").reset_index()
    frame = frame.sort_values(["count", "value"], ascending=[False, True], kind="stable")
    return pd.Series(frame["count"].to_numpy(dtype=int), index=frame["value"].to_numpy())


def _title(aspect: str, lang: str) -> str:
    english, dutch = _TITLES.get(aspect, (aspect, aspect))
    return dutch if lang == "nl" else english


def _readable(aspect: str, counts: pd.Series, lang: str) -> pd.Series:
    """Category labels a coordinator reads: Dutch names, level and experience in words."""
    index = 1 if lang == "nl" else 0

    def label(value) -> str:
        if aspect == "level":
            return _LEVEL_NAMES[value][index]
        if aspect == "experience":
            return _EXPERIENCE_NAMES[value][index]
        if lang == "nl":
            return _VALUE_NAMES_NL.get(value, str(value))
        return str(value) if aspect == "function_family" else str(value).replace("_", " ")

    if aspect == "function_family" and len(counts) > _MOST_FAMILIES:
        other = "overig" if lang == "nl" else "other"
        kept = counts.iloc[: _MOST_FAMILIES - 1]
        counts = pd.concat([kept, pd.Series({other: counts.iloc[_MOST_FAMILIES - 1 :].sum()})])
    return pd.Series(counts.to_numpy(), index=[label(v) for v in counts.index])


def _bar_chart(counts: pd.Series, title: str, lang: str, path: Path) -> None:
    """A small horizontal bar chart with the count at each bar."""
    height = 1.2 + 0.28 * max(len(counts), 1)
    # A bare Figure renders with Agg and touches no pyplot state: safe in a web worker.
    figure = Figure(figsize=(6.0, height), dpi=_CHART_DPI)
    axes = figure.subplots()
    labels = [str(v) for v in counts.index][::-1]
    bars = axes.barh(labels, counts.to_numpy()[::-1], color="#3b7ea1")
    axes.bar_label(bars, padding=2, fontsize=8)
    axes.set_title(title, fontsize=11)
    axes.set_xlabel("aantal deelnemers" if lang == "nl" else "participants", fontsize=9)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # people come in whole numbers
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.12)
    figure.tight_layout()
    figure.savefig(path, format="png", metadata={"Software": None})
