"""Two line-ups compared, for people: the ``compare --json`` object and the Compare sheet.

The sheet lists, in the workbook's language, the totals side by side, every person who moved
(from which group to which, and why when a next round says so), the groups with their
counterpart and scores, the score per rule in both, and the pairs who meet again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from reporting.labels import RuleNames
from reporting.sheets import TITLE_FONT, put, write_table
from rounds.compare import Comparison

_WORDS = {
    "sheet": ("Compare", "Vergelijking"),
    "totals": ("Totals", "Totalen"),
    "line_up": ("Line-up", "Indeling"),
    "score": ("Score", "Score"),
    "hard": ("Hard rules broken", "Harde regels geschonden"),
    "people": ("People", "Deelnemers"),
    "kept_groups": ("Groups kept", "Groepen behouden"),
    "moved": ("Moved", "Verplaatst"),
    "pairs_again": ("Pairs who meet again", "Paren die elkaar weer treffen"),
    "only_a": ("Only in A", "Alleen in A"),
    "only_b": ("Only in B", "Alleen in B"),
    "name": ("Name", "Naam"),
    "from": ("From group", "Van groep"),
    "to": ("To group", "Naar groep"),
    "reason": ("Reason", "Reden"),
    "group_a": ("Group in A", "Groep in A"),
    "group_b": ("Group in B", "Groep in B"),
    "shared": ("Shared members", "Gedeelde leden"),
    "kept": ("Kept", "Behouden"),
    "score_a": ("Score A", "Score A"),
    "score_b": ("Score B", "Score B"),
    "difference": ("Difference", "Verschil"),
    "rule": ("Rule", "Regel"),
    "person_1": ("Person", "Persoon"),
    "person_2": ("Met again", "Treft opnieuw"),
    "yes": ("yes", "ja"),
    "not_placed": ("not placed", "niet ingedeeld"),
    "left": ("not in B", "niet in B"),
    "new": ("new in B", "nieuw in B"),
}


def word(key: str, lang: str) -> str:
    en, nl = _WORDS[key]
    return nl if lang == "nl" else en


def _name(table, pid: str) -> str:
    return str(table.loc[pid, "name"]) if pid in table.index else pid


def comparison_json(comparison: Comparison, lang: str = "en") -> dict[str, Any]:
    """The comparison as strict JSON data; names are the coordinator's, keys are stable."""
    a, b = comparison.a, comparison.b

    def person(table, pid: str) -> dict[str, Any]:
        row = table.loc[pid]
        email = row.get("email")
        return {"pid": pid, "name": str(row["name"]), "email": email if email else None}

    def side(s) -> dict[str, Any]:
        return {
            "label": s.label,
            "objective": s.report.objective if s.report else None,
            "hard_violations": s.report.hard_violations if s.report else None,
            "people": len(s.table),
            "groups": len({g for g in s.groups.values() if g is not None}),
        }

    back = {pid_a: pid_b for pid_b, pid_a in comparison.same.items()}
    rules = {
        k: {"a": va, "b": vb, "difference": vb - va}
        for k, (va, vb) in comparison.rule_scores().items()
    }
    return {
        "a": side(a),
        "b": side(b),
        "moved": [
            {**person(b.table, m.pid_b), "pid_a": m.pid_a, "from": m.group_a, "to": m.group_b}
            for m in comparison.moved
        ],
        "groups": [
            {
                "group_a": g.group_a,
                "group_b": g.group_b,
                "shared": g.shared,
                "kept": g.kept,
                "score_a": g.score_a,
                "score_b": g.score_b,
                "difference": None
                if g.score_a is None or g.score_b is None
                else g.score_b - g.score_a,
                "rules": {
                    k: {"a": g.rules_a.get(k, 0), "b": g.rules_b.get(k, 0)}
                    for k in sorted(set(g.rules_a) | set(g.rules_b))
                },
            }
            for g in comparison.groups
        ],
        "kept_groups": len(comparison.kept_groups),
        "rules": rules,
        "pairs_again": [
            {
                "a": person(a.table, p),
                "b": person(a.table, q),
                "group_a": a.groups.get(p),
                "group_b": b.groups.get(back[p]),
            }
            for p, q in comparison.pairs_again
        ],
        "only_a": [person(a.table, p) for p in comparison.only_a],
        "only_b": [person(b.table, p) for p in comparison.only_b],
        "uncertain_matches": [
            {
                "pid_a": q.previous,
                "name_a": _name(a.table, q.previous),
                "pid_b": q.current,
                "name_b": _name(b.table, q.current),
                "score": q.score,
            }
            for q in comparison.questions
        ],
    }


def write_compare_sheet(
    book: Workbook,
    comparison: Comparison,
    lang: str = "en",
    reasons: Mapping[str, str] | None = None,
) -> None:
    """Add the Compare sheet to ``book``; ``reasons[pid_b]`` explains a move (next round)."""
    sheet = book.create_sheet(word("sheet", lang))
    names = RuleNames(lang)
    a, b = comparison.a, comparison.b
    put(sheet, 1, 1, f"A: {a.label}    B: {b.label}").font = TITLE_FONT
    totals = [
        [word("score", lang), _total(a, "objective"), _total(b, "objective")],
        [word("hard", lang), _total(a, "hard_violations"), _total(b, "hard_violations")],
        [word("people", lang), len(a.table), len(b.table)],
        [word("kept_groups", lang), len(comparison.kept_groups), None],
        [word("moved", lang), len(comparison.moved), None],
        [word("pairs_again", lang), len(comparison.pairs_again), None],
        [word("only_a", lang), len(comparison.only_a), None],
        [word("only_b", lang), len(comparison.only_b), None],
    ]
    row = write_table(sheet, [word("totals", lang), "A", "B"], totals, start_row=3) + 2
    moved = [
        [_name(b.table, m.pid_b), _group(m.group_a, lang), _group(m.group_b, lang)]
        + ([reasons.get(m.pid_b, "")] if reasons is not None else [])
        for m in comparison.moved
    ]
    moved += [
        [_name(a.table, p), _group(a.groups.get(p), lang), word("left", lang)]
        + ([reasons.get(p, "")] if reasons is not None else [])
        for p in comparison.only_a
    ]
    moved += [
        [_name(b.table, p), word("new", lang), _group(b.groups.get(p), lang)]
        + ([reasons.get(p, "")] if reasons is not None else [])
        for p in comparison.only_b
    ]
    headers = [word("name", lang), word("from", lang), word("to", lang)]
    headers += [word("reason", lang)] if reasons is not None else []
    row = write_table(sheet, headers, moved, start_row=row) + 2
    groups = [
        [
            g.group_a,
            g.group_b,
            g.shared,
            word("yes", lang) if g.kept else None,
            g.score_a,
            g.score_b,
            None if g.score_a is None or g.score_b is None else g.score_b - g.score_a,
        ]
        for g in comparison.groups
    ]
    group_headers = ["group_a", "group_b", "shared", "kept", "score_a", "score_b", "difference"]
    row = write_table(sheet, [word(k, lang) for k in group_headers], groups, start_row=row) + 2
    rules = [[names[k], va, vb, vb - va] for k, (va, vb) in comparison.rule_scores().items()]
    rule_headers = [word("rule", lang), "A", "B", word("difference", lang)]
    row = write_table(sheet, rule_headers, rules, start_row=row) + 2
    back = {pid_a: pid_b for pid_b, pid_a in comparison.same.items()}
    pairs = [
        [_name(a.table, p), _name(a.table, q), a.groups.get(p), b.groups.get(back[p])]
        for p, q in comparison.pairs_again
    ]
    pair_headers = [word(k, lang) for k in ("person_1", "person_2", "group_a", "group_b")]
    write_table(sheet, pair_headers, pairs, start_row=row)
    sheet.freeze_panes = None


def _total(side, attribute: str) -> int | None:
    return getattr(side.report, attribute) if side.report is not None else None


def _group(group: int | None, lang: str) -> int | str:
    return word("not_placed", lang) if group is None else group


def write_compare_workbook(path: Path, comparison: Comparison, lang: str = "en") -> Path:
    """A workbook holding only the Compare sheet."""
    book = Workbook()
    write_compare_sheet(book, comparison, lang)
    book.remove(book.active)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
