"""Hierarchical level: management and seniority in words or numbers."""

from __future__ import annotations

import re

from intake.values.parsed import (
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _fuzzy_word,
    _guessed,
    _invalid,
    _ok,
    _quote,
    _to_float,
)

# Checked in this order: the first family that matches decides ("senior manager" is 3 before
# "manager" can make it 2, "geen leidinggevende" is 0 before "leidinggevende" can make it 2;
# a casemanager is a care role, not a manager).
_LEVEL_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (
        0,
        re.compile(
            r"\b(geen|niet|zonder) (leiding\w*|manager\w*)|\bnot (a )?manag\w*|\bno manag\w*"
            r"|\bnon[- ]?manag\w*|\bcase ?manager\w*"
        ),
    ),
    (
        3,
        re.compile(
            r"senior manage\w*|directeur\w*|director\w*|directie\w*|bestuurder\w*|\bbestuur\b"
            r"|raad van bestuur|\bmt\b|\bmt[- ]lid|management ?team|hoofd van (een |de )?divisie"
            r"|divisie ?(hoofd|manager|directeur)|head of (a |the )?division|division head"
            r"|\b(ceo|cfo|coo|cto|cio)\b|c-level|executive|vice[- ]president|\bvp\b|\bboard\b"
            r"|sector ?(hoofd|manager)|concern ?(manager|directie)"
        ),
    ),
    (
        2,
        re.compile(
            r"team ?lead\w*|team ?leid\w*|leidinggevend\w*|manager\w*|\w*hoofd\b|head of"
            r"|praktijkhouder\w*|practice owner|eigenaar\b|owner\b"
            r"|supervisor\w*|leiding ?geven\w*|\bchef\b|\bja\b|\byes\b"
        ),
    ),
    (
        1,
        re.compile(
            r"\bsenior|co[-]?ordin(at|er)\w*|specialist\w*|\bexpert\w*|projectleider\w*"
            r"|project ?lead\w*|regisseur|praktijkopleider|\blead\b|\bprincipal\b"
        ),
    ),
    (
        0,
        re.compile(
            r"\bstaff\b|professional|medewerker\w*|uitvoerend\w*|employee\w*|werknemer\w*|\bjunior"
            r"|individual contributor|operationeel|\bnee\b|\bno\b|\bgeen\b|adviseur|advisor|adviser"
            r"|consultant|\bmedior\b"
        ),
    ),
)
_LEVEL_NUMBER = re.compile(r"(?:(niveau|level|schaal|laag|trede)\s*)?(\d+(?:[.,]0+)?)")
_LEVEL_VOCABULARY = {
    "medewerker": 0, "professional": 0, "senior": 1, "coordinator": 1, "specialist": 1,
    "teamleider": 2, "manager": 2, "leidinggevende": 2, "afdelingshoofd": 2,
    "directeur": 3, "director": 3, "bestuurder": 3,
}  # fmt: skip
_LEVEL_EN = (
    "0 (staff)",
    "1 (senior / coordinator)",
    "2 (team lead / manager)",
    "3 (senior manager / director)",
)
_LEVEL_NL = (
    "0 (medewerker)",
    "1 (senior / coördinator)",
    "2 (teamleider / manager)",
    "3 (directeur / hoger management)",
)


@_answer_parser
def parse_level(v: object) -> Parsed[int]:
    """Read the hierarchical level 0-3 from a title, a yes/no or a number.

    "ja"/"nee" answer the usual "do you have a management position?", so they read as 2 / 0.
    Numbers 0-3 are taken as that level; 4 can only be the top of a 1-4 scale (GUESSED as 3).
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    for level, pattern in _LEVEL_PATTERNS:
        if pattern.search(folded):
            return _ok(level)
    number = _LEVEL_NUMBER.fullmatch(folded)
    if number:
        value = int(_to_float(number.group(2)))
        if value == 4:
            return _guessed(
                3,
                *_check_note(
                    _LEVEL_EN[3],
                    _LEVEL_NL[3],
                    text,
                    "taken as the top of a 1-4 scale",
                    "opgevat als het hoogste van een schaal 1-4",
                ),
            )
        if 0 <= value <= 3:
            if number.group(1):
                return _guessed(
                    value,
                    *_check_note(
                        _LEVEL_EN[value],
                        _LEVEL_NL[value],
                        text,
                        "taken on a 0-3 scale",
                        "opgevat op een schaal 0-3",
                    ),
                )
            return _ok(value)
    rescued = _fuzzy_word(folded, _LEVEL_VOCABULARY, min_length=5)
    if rescued:
        word, level = rescued
        return _guessed(
            level,
            *_check_note(
                _LEVEL_EN[level],
                _LEVEL_NL[level],
                text,
                f'"{word}" looks like a typo',
                f'"{word}" lijkt een tikfout',
            ),
        )
    return _invalid(
        f"Could not read {_quote(text)} as a level (staff, senior, manager or director).",
        f"{_quote(text)} is niet te lezen als niveau "
        "(medewerker, senior, leidinggevende of directeur).",
    )
