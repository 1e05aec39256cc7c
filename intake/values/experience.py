"""Experience with intervision, in words, years or times."""

from __future__ import annotations

import re

from intake.values.parsed import (
    _NUMBER,
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _guessed,
    _invalid,
    _ok,
    _quote,
    _to_float,
)

_YEARS = re.compile(
    rf"(?P<more>meer dan|more than|ruim|over|>|\+)?\s*(?P<n>{_NUMBER}|\been|\bone|\ban?)\s*\+?\s*"
    r"(?:jaar|jaren|jr|years?|yrs?)\b"
)
_TIMES = re.compile(rf"(?P<n>{_NUMBER})\s*(?:x|keer|maal|times)\b")
_EXPERIENCE_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (
        1,
        re.compile(
            r"\bniet (zo |erg |zo'n )?veel|\bnot (that |very )?much|\bweinig|\ba little|\bbeetje"
            r"|^wat$"
            r"|\blimited|\bbeperkt|\benige\b|\bsome\b|\been paar|\ba few|\benkele|\baf en toe"
            r"|\boccasional\w*|\bsometimes|\bsoms\b|\bonce\b|\been keer|\beenmaal|\ba bit"
            r"|\bwel ?eens\b|\booit\b"
        ),
    ),
    (
        0,
        re.compile(
            r"\bnooit|\bnever|\bgeen\b|\bnone\b|\bno experience|\bnot yet|\bnog niet|first time"
            r"|eerste keer|\bnieuw|\bnew\b|\bbeginner|\bstarter"
        ),
    ),
    (
        2,
        re.compile(
            r"jarenlang|\bjaren\b|\byears\b|\bveel\b|\ba lot|\blots|\bextensive\w*|\buitgebreid"
            r"|\bervaren\b|\bexperienced|regelmatig|regular\w*|\bvaak\b|\boften\b|\bmany\b"
            r"|\bexpert|\bzeer\b|\bvery\b|\bbegeleid\w*|facilitat\w*"
        ),
    ),
    (0, re.compile(r"^(nee|neen|no|n)\b")),
)
_EXPERIENCE_EN = ("0 (none)", "1 (some)", "2 (experienced)")
_EXPERIENCE_NL = ("0 (geen)", "1 (enige)", "2 (ervaren)")


@_answer_parser
def parse_experience(v: object) -> Parsed[int]:
    """Read experience with intervision as 0 none, 1 some or 2 experienced.

    A number of years decides first (more than two years is experienced); a plain "ja" only
    says "some" and is GUESSED.
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    years = _YEARS.search(folded)
    if years:
        number = years.group("n")
        count = (_to_float(number) if number[0].isdigit() else 1.0) + (
            0.5 if years.group("more") else 0.0
        )
        return _ok(0 if count == 0 else 1 if count <= 2 else 2)
    times = _TIMES.search(folded)
    if times:
        count = _to_float(times.group("n"))
        return _ok(0 if count == 0 else 1 if count < 10 else 2)
    if re.fullmatch(r"[012]", folded):
        return _ok(int(folded))
    for level, pattern in _EXPERIENCE_PATTERNS:
        if pattern.search(folded):
            return _ok(level)
    if re.match(r"(ja|yes|j|y)\b", folded):
        return _guessed(
            1,
            *_check_note(
                _EXPERIENCE_EN[1],
                _EXPERIENCE_NL[1],
                text,
                "yes without saying how much",
                "ja zonder te zeggen hoeveel",
            ),
        )
    return _invalid(
        f"Could not read {_quote(text)} as experience (none, some or experienced).",
        f"{_quote(text)} is niet te lezen als ervaring (geen, enige of ervaren).",
    )
