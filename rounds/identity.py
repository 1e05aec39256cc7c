"""Who is who across rounds: the same person in two participant tables.

Spreadsheet row ids (``pid``) change from round to round, so a person is recognised by their
e-mail address, else by name + organisation: first exactly (ignoring case, accents and
spacing), then fuzzily with rapidfuzz. A fuzzy score at or above ``sure`` counts as the same
person; a score between ``maybe`` and ``sure`` is listed for the coordinator to confirm and
meanwhile treated as a different person, so nobody is merged with a stranger by a guess. Two
different e-mail addresses never match automatically (someone may have changed jobs, or two
colleagues share a name): such a pair is a question too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

SURE = 92.0
MAYBE = 80.0


@dataclass(frozen=True)
class Question:
    """A possible match the coordinator should confirm: ``current`` may be ``previous``."""

    current: str
    previous: str
    score: float


@dataclass
class Matching:
    """``same[current_pid] = previous_pid``; who is new, who left, and what is uncertain."""

    same: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)  # current pid -> "email", "name", "fuzzy"
    questions: list[Question] = field(default_factory=list)
    newcomers: list[str] = field(default_factory=list)
    dropouts: list[str] = field(default_factory=list)


def fold(text: object) -> str:
    """Case-, accent- and space-insensitive form; "" for missing values."""
    if not isinstance(text, str):
        return ""
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def _key(row: Mapping[str, object]) -> str:
    return f"{fold(row.get('name'))} | {fold(row.get('organisation'))}"


def match_people(
    previous: pd.DataFrame,
    current: pd.DataFrame,
    *,
    sure: float = SURE,
    maybe: float = MAYBE,
    confirmed: Mapping[str, str | None] | None = None,
) -> Matching:
    """Match ``current`` participants (index = pid) to ``previous`` ones, one to one.

    ``confirmed`` holds the coordinator's answers: current pid -> previous pid (the same
    person) or None (someone else); they are applied first.
    """
    matching = Matching()
    free_previous = {str(p): row for p, row in previous.iterrows()}
    open_current = {str(p): row for p, row in current.iterrows()}

    def take(cur: str, prev: str, how: str) -> None:
        matching.same[cur] = prev
        matching.how[cur] = how
        del open_current[cur], free_previous[prev]

    refused: set[tuple[str, str]] = set()
    for cur, prev in (confirmed or {}).items():
        if cur not in open_current:
            continue
        if prev is None:
            refused |= {(cur, p) for p in free_previous}
        elif prev in free_previous:
            take(cur, prev, "confirmed")
    by_email = {fold(r.get("email")): p for p, r in free_previous.items() if fold(r.get("email"))}
    for cur, row in list(open_current.items()):
        prev = by_email.get(fold(row.get("email")))
        if prev is not None and prev in free_previous and (cur, prev) not in refused:
            take(cur, prev, "email")
    by_key: dict[str, list[str]] = {}
    for p, r in free_previous.items():
        by_key.setdefault(_key(r), []).append(p)
    for cur, row in list(open_current.items()):
        candidates = [p for p in by_key.get(_key(row), []) if p in free_previous]
        candidates = [p for p in candidates if (cur, p) not in refused]
        if len(candidates) == 1 and not _emails_differ(row, free_previous[candidates[0]]):
            take(cur, candidates[0], "name")
    _fuzzy(matching, open_current, free_previous, refused, sure, maybe, take)
    matching.newcomers = sorted(p for p in open_current)
    matching.dropouts = sorted(p for p in free_previous)
    return matching


def _emails_differ(a: Mapping[str, object], b: Mapping[str, object]) -> bool:
    ea, eb = fold(a.get("email")), fold(b.get("email"))
    return bool(ea and eb and ea != eb)


def _fuzzy(matching, open_current, free_previous, refused, sure, maybe, take) -> None:
    """Best fuzzy pairs first, one to one; sure ones matched, likely ones asked about."""
    if not open_current or not free_previous:
        return
    cur_ids, prev_ids = list(open_current), list(free_previous)
    scores = process.cdist(
        [_key(open_current[c]) for c in cur_ids],
        [_key(free_previous[p]) for p in prev_ids],
        scorer=fuzz.token_sort_ratio,
        score_cutoff=maybe,
        dtype=np.float32,
    )
    rows, cols = np.nonzero(scores)
    order = np.lexsort((cols, rows, -scores[rows, cols]))
    used_cur: set[str] = set()
    used_prev: set[str] = set()
    for k in order:
        cur, prev = cur_ids[rows[k]], prev_ids[cols[k]]
        if cur in used_cur or prev in used_prev or (cur, prev) in refused:
            continue
        score = float(scores[rows[k], cols[k]])
        used_cur.add(cur)
        used_prev.add(prev)
        if score >= sure and not _emails_differ(open_current[cur], free_previous[prev]):
            take(cur, prev, "fuzzy")
        else:
            matching.questions.append(Question(cur, prev, round(score, 1)))
