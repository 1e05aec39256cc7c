"""Number words as digits, shared by the time budget and travel parsers."""

from __future__ import annotations

import re

from intake.values.parsed import _to_float

_NUMBER_WORDS = {
    "een": "1", "eén": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6",
    "zeven": "7", "acht": "8", "negen": "9", "tien": "10", "elf": "11", "twaalf": "12",
    "vijftien": "15", "twintig": "20", "dertig": "30", "veertig": "40", "vijftig": "50",
    "zestig": "60", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "once": "1x", "twice": "2x", "thrice": "3x",
}  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
_FRACTION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(an? )?(hour|uur) and a half\b"), "1.5 hour"),
    (re.compile(r"\bone and a half\b|\banderhal(?:f|ve)\b"), "1.5"),
    (re.compile(r"\b(een |a )?half(e|ve)? (an? )?(?=\w)"), "0.5 "),
    (re.compile(r"\ban? (?=(hour|day|half[- ]?day|quarter|morning|afternoon|evening)\b)"), "1 "),
)


def _with_digits(folded: str) -> str:
    """Number words as digits: "anderhalf uur" -> "1.5 uur", "half a day" -> "0.5 day"."""
    for pattern, replacement in _FRACTION_WORDS:
        folded = pattern.sub(replacement, folded)
    folded = re.sub(r"\been (uur|uurtje) of (\w+)\b", r"\2 uur", folded)  # "een uur of drie"
    return _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1)], folded)


def _amount(low: str | None, high: str | None) -> tuple[float, bool]:
    """A number or the middle of a range, and whether it was a range."""
    if low is None:
        return (_to_float(high), False) if high else (1.0, False)
    if high is None:
        return _to_float(low), False
    return (_to_float(low) + _to_float(high)) / 2, True
