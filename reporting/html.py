"""A single self-contained HTML report: map, score breakdown, groups, analysis and charts.

Offline by design: the map is an inline SVG (:mod:`reporting.map_svg`, no map tiles fetched),
charts are embedded as base64 PNGs (so they print; nothing is loaded lazily), and all user text
is HTML-escaped by Jinja2. Each group leads with its verdict in words; raw scores stay for
whoever checks them, with the total explained as groups' score plus penalties.
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
from reporting.map_svg import legend_svg, map_svg
from reporting.quality import (
    family_name,
    judge_all,
    lineup_purity,
    merged_rule_totals,
    percent,
    readable,
    total_explained,
    word,
)

_WORDS = {
    "en": {
        "map": "Where participants are", "breakdown": "Score per rule", "rule": "Rule",
        "score": "Score", "total": "Total", "groups": "Groups", "group": "Group", "size": "Size",
        "members": "Members", "moment": "Moment", "venue": "Meeting place",
        "worst": "Travel km: farthest / average", "rules": "Rules", "unplaced": "Not placed",
        "diagnosis": "What will not work, and what to do", "no_findings": "No problems found.",
        "families": "Function families", "family": "Family", "titles": "Titles as written",
        "topics": "Learning topics", "topic": "Topic", "terms": "Top terms",
        "profile": "Profile", "report": "Intervision groups", "analysis": "Intake analysis",
        "verdict": "Verdict", "purity": "Function purity", "venue_pin": "meeting place",
        "purity_overall": "Function purity over all groups: {share} of {pairs} pairs.",
        "map_note": "Coloured marks: members; numbered rings: the group's meeting place.",
    },
    "nl": {
        "map": "Waar de deelnemers zijn", "breakdown": "Score per regel", "rule": "Regel",
        "score": "Score", "total": "Totaal", "groups": "Groepen", "group": "Groep",
        "size": "Grootte", "members": "Leden", "moment": "Moment", "venue": "Plek",
        "worst": "Reis-km: verste / gemiddeld", "rules": "Regels", "unplaced": "Niet ingedeeld",
        "diagnosis": "Wat niet gaat werken, en wat te doen", "no_findings": "Geen problemen.",
        "families": "Functiefamilies", "family": "Familie", "titles": "Titels zoals geschreven",
        "topics": "Leeronderwerpen", "topic": "Onderwerp", "terms": "Belangrijkste woorden",
        "profile": "Profiel", "report": "Intervisiegroepen", "analysis": "Intake-analyse",
        "verdict": "Oordeel", "purity": "Functiezuiverheid", "venue_pin": "plek",
        "purity_overall": "Functiezuiverheid over alle groepen: {share} van {pairs} paren.",
        "map_note": "Gekleurde tekens: leden; genummerde ringen: de plek van de groep.",
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
    plan: Mapping[str, Any] | None = None,
) -> Path:
    """Write the report to ``path``: groups when ``lineup`` is given, analysis when given,
    and the programme plan's section (``reporting.plan_output.plan_context``) when given."""
    words = _WORDS.get(lang, _WORDS["en"])
    names = rule_names if rule_names is not None else RuleNames(lang)
    context: dict[str, Any] = {
        "lang": lang,
        "t": words,
        "title": words["report" if lineup else "analysis"],
        "subtitle": f"{len(table)} " + ("deelnemers" if lang == "nl" else "participants"),
        "attribution": label("attribution", lang) + " " + label("esco_attribution", lang),
        "groups": [],
        "findings": None,
        "plan": plan,
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
    words = _WORDS.get(lang, _WORDS["en"])
    verdicts = judge_all(table, lineup, lang)
    groups = []
    for index, group in enumerate(lineup.groups):
        travel = [km for km in group.travel_km.values() if not math.isnan(km)]
        quality = verdicts[group.group]
        groups.append(
            {
                "group": group.group,
                "marker": legend_svg(index),
                "size": len(group.pids),
                "members": ", ".join(str(table.loc[p, "name"]) for p in group.pids),
                "moment": label(group.moment, lang) if group.moment else "",
                "venue": group.venue.name if group.venue else "",
                "worst": f"{group.travel_km_max:.0f} / {group.travel_km_mean:.0f}"
                if travel
                else "",
                "score": group.score,
                "verdict": quality.verdict,
                "verdict_words": word(quality.verdict, lang),
                "reasons": quality.reasons,
                "purity": percent(quality.purity.share, lang),
                "rules": [
                    {
                        "name": names.get(r.key, r.name),
                        "score": r.score,
                        "detail": readable(
                            r.detail.removeprefix(r.name).removeprefix(":").strip(), lang
                        ),
                        "css": "bad"
                        if r.violations and r.hard
                        else ("warn" if r.violations else ""),
                    }
                    for r in group.rules
                    if r.score or r.violations
                ],
            }
        )
    unplaced = [(str(table.loc[p, "name"]), reason) for p, reason in lineup.unplaced]
    overall = lineup_purity(table, lineup)
    return {
        "groups": groups,
        "per_rule": merged_rule_totals(lineup.per_rule, names),
        "objective": lineup.objective,
        "total_explained": total_explained(lineup, names, lang),
        "purity_overall": words["purity_overall"].format(
            share=percent(overall.share, lang), pairs=overall.pairs
        )
        if overall.share is not None
        else "",
        "unplaced": unplaced,
        "map_svg": map_svg(table, lineup, words["map"]),
    }


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
        {
            "family": family_name(r.family, lang),
            "size": r.size,
            "titles": ", ".join(list(r.titles)[:8]),
        }
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
