"""A single self-contained HTML report: map, score breakdown, groups, analysis and charts.

Offline by design: the map is an inline SVG of the participants' coordinates (no map tiles
fetched), charts are embedded as base64 PNGs, and all user text is HTML-escaped by Jinja2.
"""

from __future__ import annotations

import base64
import math
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from optimiser.intervision.lineup import LineupReport
from reporting.labels import RuleNames, label, with_names

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)  # fmt: skip
_WORDS = {
    "en": {
        "map": "Where participants are", "breakdown": "Score per rule", "rule": "Rule",
        "score": "Score", "total": "Total", "groups": "Groups", "group": "Group", "size": "Size",
        "members": "Members", "moment": "Moment", "venue": "Meeting place",
        "worst": "Worst travel (km)", "rules": "Rules", "unplaced": "Not placed",
        "diagnosis": "What will not work, and what to do", "no_findings": "No problems found.",
        "families": "Function families", "family": "Family", "titles": "Titles as written",
        "topics": "Learning topics", "topic": "Topic", "terms": "Top terms",
        "profile": "Profile", "report": "Intervision groups", "analysis": "Intake analysis",
    },
    "nl": {
        "map": "Waar de deelnemers zijn", "breakdown": "Score per regel", "rule": "Regel",
        "score": "Score", "total": "Totaal", "groups": "Groepen", "group": "Groep",
        "size": "Grootte", "members": "Leden", "moment": "Moment", "venue": "Plek",
        "worst": "Grootste reisafstand (km)", "rules": "Regels", "unplaced": "Niet ingedeeld",
        "diagnosis": "Wat niet gaat werken, en wat te doen", "no_findings": "Geen problemen.",
        "families": "Functiefamilies", "family": "Familie", "titles": "Titels zoals geschreven",
        "topics": "Leeronderwerpen", "topic": "Onderwerp", "terms": "Belangrijkste woorden",
        "profile": "Profiel", "report": "Intervisiegroepen", "analysis": "Intake-analyse",
    },
}  # fmt: skip


def write_report(
    path: Path,
    *,
    table: pd.DataFrame,
    lineup: LineupReport | None = None,
    analysis: Any = None,
    rule_names: Mapping[str, str] | None = None,
    lang: str = "en",
) -> Path:
    """Write the report to ``path``: groups when ``lineup`` is given, analysis when given."""
    words = _WORDS.get(lang, _WORDS["en"])
    names = rule_names if rule_names is not None else RuleNames(lang)
    context: dict[str, Any] = {
        "lang": lang,
        "t": words,
        "title": words["report" if lineup else "analysis"],
        "subtitle": f"{len(table)} " + ("deelnemers" if lang == "nl" else "participants"),
        "attribution": label("attribution", lang),
        "groups": [],
        "findings": None,
    }
    if lineup is not None:
        context.update(_lineup_context(table, lineup, names, lang))
    if analysis is not None:
        context.update(_analysis_context(analysis, lang))
    environment = Environment(
        loader=PackageLoader("reporting", "templates"), autoescape=select_autoescape(["j2"])
    )
    html = environment.get_template("report.html.j2").render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _lineup_context(table, lineup: LineupReport, names, lang: str) -> dict[str, Any]:
    groups = []
    for index, group in enumerate(lineup.groups):
        travel = [km for km in group.travel_km.values() if not math.isnan(km)]
        groups.append(
            {
                "group": group.group,
                "colour": PALETTE[index % len(PALETTE)],
                "size": len(group.pids),
                "members": ", ".join(str(table.loc[p, "name"]) for p in group.pids),
                "moment": label(group.moment, lang) if group.moment else "",
                "venue": group.venue.name if group.venue else "",
                "worst": f"{max(travel):.0f}" if travel else "",
                "score": group.score,
                "rules": [
                    {
                        "name": names.get(r.key, r.name),
                        "score": r.score,
                        "detail": r.detail.removeprefix(r.name).removeprefix(":").strip(),
                        "css": "bad"
                        if r.violations and r.hard
                        else ("warn" if r.violations else ""),
                    }
                    for r in group.rules
                    if r.score or r.violations
                ],
            }
        )
    per_rule = [(k, names.get(k, k), v) for k, v in lineup.per_rule.items()]
    unplaced = [(str(table.loc[p, "name"]), reason) for p, reason in lineup.unplaced]
    return {
        "groups": groups,
        "per_rule": per_rule,
        "objective": lineup.objective,
        "unplaced": unplaced,
        "map_svg": _map_svg(table, lineup),
    }


def _map_svg(table: pd.DataFrame, lineup: LineupReport, width: int = 640) -> str:
    """Participants as dots coloured by group, venues as squares; equirectangular projection."""
    colour = {pid: PALETTE[i % len(PALETTE)] for i, g in enumerate(lineup.groups) for pid in g.pids}
    points = table[["lat", "lon"]].dropna()
    if points.empty:
        return ""
    lat0 = math.radians(float(points["lat"].mean()))
    xs = points["lon"] * math.cos(lat0)
    ys = -points["lat"]
    span = max(float(xs.max() - xs.min()), float(ys.max() - ys.min()), 0.05)
    scale = (width - 40) / span
    height = int((float(ys.max() - ys.min())) * scale) + 40

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (
            20 + (lon * math.cos(lat0) - float(xs.min())) * scale,
            20 + (-lat - float(ys.min())) * scale,
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" style="background:#f6f8fa">'
    ]
    for pid, row in points.iterrows():
        x, y = project(row["lat"], row["lon"])
        fill = colour.get(pid, "#999999")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" opacity="0.85"/>')
    for i, group in enumerate(lineup.groups):
        if group.venue is not None:
            x, y = project(group.venue.lat, group.venue.lon)
            fill = PALETTE[i % len(PALETTE)]
            parts.append(
                f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{fill}" '
                'stroke="black" stroke-width="1"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _analysis_context(analysis: Any, lang: str) -> dict[str, Any]:
    from intake.analysis.profile import profile_charts

    nl = lang == "nl"
    table = analysis.table
    people = dict(zip(table["pid"], table["name"].astype(str), strict=True))
    findings = [
        {
            "severity": f.severity,
            "message": with_names(f.message_nl if nl else f.message_en, people, lang),
            "suggestion": with_names(f.suggestion_nl if nl else f.suggestion_en, people, lang),
        }
        for f in analysis.diagnosis
    ]
    families = [
        {"family": r.family, "size": r.size, "titles": ", ".join(list(r.titles)[:8])}
        for r in analysis.families.itertuples(index=False)
    ]
    topics = [
        {"topic": r.topic, "size": r.size, "terms": ", ".join(list(r.top_terms)[:8])}
        for r in analysis.topics.itertuples(index=False)
    ]
    with tempfile.TemporaryDirectory() as folder:
        charts = [
            {"name": p.stem, "data": base64.b64encode(p.read_bytes()).decode("ascii")}
            for p in profile_charts(analysis.table, Path(folder), lang=lang)
        ]
    return {"findings": findings, "families": families, "topics": topics, "charts": charts}
