"""A parsed cell (value, status, notes) and the text helpers every field parser shares."""

from __future__ import annotations

import functools
import logging
import math
import numbers
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

logger = logging.getLogger(__name__)

T = TypeVar("T")



class ParseStatus(StrEnum):
    """How sure a parser is about the value it read."""

    OK = "ok"  # read without doubt
    GUESSED = "guessed"  # read, but an assumption was made; the note says which
    INVALID = "invalid"  # could not be read; value is None and the note says why
    EMPTY = "empty"  # nothing was answered


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A value read from one cell, with how sure we are and a note for the coordinator."""

    value: T | None
    status: ParseStatus
    note_en: str = ""
    note_nl: str = ""


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

# Answers that mean "nothing to say"; "geen" is deliberately absent: it is a real answer.
_EMPTY_WORDS = frozenset({"n.v.t.", "n.v.t", "nvt", "nvt.", "n/a", "n.a.", "n.a", "nb", "n.b."})
_DASHES_ONLY = re.compile(r"[\s\-–—_.]*")
_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE_SEPARATOR = r"(?:-|tot|to|a|of|or)"
_FUZZY_CUTOFF = 80.0
_FUZZY_MARGIN = 6.0
_FUZZY_MAX_WORDS = 3
_NOTE_QUOTE_LIMIT = 80
_EXACT_FLOAT = 2.0**53  # beyond this a float is not the whole number someone typed
_MAX_ANSWER_CHARS = 300  # longer is free text; parsing it costs time and means nothing


def _is_missing(value: object) -> bool:
    """True for None, NaN and pandas' missing markers, without importing pandas."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return math.isnan(float(value))
        except (TypeError, ValueError, OverflowError):
            return False
    return False


def _number_text(value: numbers.Real) -> str:
    """Whole floats as integers ("3", not "3.0"), because that is how the user typed them."""
    if isinstance(value, numbers.Integral):
        try:
            return str(int(value))
        except ValueError:  # more digits than Python will print; no cell holds such a number
            return "(too many digits)"
    as_float = float(value)
    if math.isfinite(as_float) and as_float == int(as_float) and abs(as_float) < _EXACT_FLOAT:
        return str(int(as_float))
    return repr(as_float)


def clean_text(v: object) -> str | None:
    """Free text as written: stripped, whitespace collapsed; None for empty, dashes and "n.v.t.".

    "geen" stays: for "rather not with" or remarks it is a real answer.
    """
    if _is_missing(v):
        return None
    if isinstance(v, datetime):
        text = v.isoformat(sep=" ")
    elif isinstance(v, numbers.Real) and not isinstance(v, bool):
        text = _number_text(v)
    else:
        text = str(v)
    text = " ".join(text.split())
    if _DASHES_ONLY.fullmatch(text) or text.lower() in _EMPTY_WORDS:
        return None
    return text


class _AnswerTooLong(Exception):
    """An answer longer than any real one: free text, not a choice, and costly to search."""

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length


def _answer_text(v: object) -> str | None:
    """The cell as text for the answer parsers; booleans read as the Dutch "ja"/"nee"."""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    text = clean_text(v)
    if text is not None and len(text) > _MAX_ANSWER_CHARS:
        raise _AnswerTooLong(len(text))
    return text


def _fold(text: str) -> str:
    """Lower-case, accent-free, straight quotes and dashes: the form all vocabularies use."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"[‘’`´]", "'", stripped)
    stripped = re.sub(r"[–—‐‑]", "-", stripped)
    return " ".join(stripped.lower().split())


def _quote(text: str) -> str:
    """The input as it appears in a note, shortened so a long answer does not flood a report."""
    if len(text) > _NOTE_QUOTE_LIMIT:
        text = text[: _NOTE_QUOTE_LIMIT - 1] + "…"
    return f'"{text}"'


def _format_number(value: float, lang: str) -> str:
    """At most two decimals, no trailing zeros; Dutch uses a decimal comma."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _to_float(text: str) -> float:
    """A number as typed, with a Dutch decimal comma or an English point."""
    return float(text.replace(",", "."))


def _empty() -> Parsed:
    return Parsed(None, ParseStatus.EMPTY)


def _ok(value: T) -> Parsed[T]:
    return Parsed(value, ParseStatus.OK)


def _guessed(value: T, note_en: str, note_nl: str) -> Parsed[T]:
    return Parsed(value, ParseStatus.GUESSED, note_en, note_nl)


def _invalid(note_en: str, note_nl: str) -> Parsed:
    return Parsed(None, ParseStatus.INVALID, note_en, note_nl)


def _check_note(
    read_en: str, read_nl: str, text: str, why_en: str = "", why_nl: str = ""
) -> tuple[str, str]:
    """The standard "read X as Y; please check" sentence pair."""
    reason_en = f" ({why_en})" if why_en else ""
    reason_nl = f" ({why_nl})" if why_nl else ""
    return (
        f"Read {_quote(text)} as {read_en}{reason_en}; please check.",
        f"{_quote(text)} gelezen als {read_nl}{reason_nl}; controleer dit.",
    )


# Answers that say "no preference": no value, and nothing to report ("weet ik nog niet" is
# not one: a doubter is worth a note).
_NO_PREFERENCE = re.compile(
    r"^(geen (voorkeur|bezwaar)|maakt (mij |me )?(niet|niks|weinig) uit|om het even"
    r"|no preference|doesn'?t matter|does not matter|either|any|alles is goed"
    r"|maakt niet zoveel uit|whatever|all fine|anything)[.!]*$",
    re.IGNORECASE,
)


def _says_no_preference(value: object) -> bool:
    return isinstance(value, str) and _NO_PREFERENCE.match(" ".join(value.split())) is not None


def _answer_parser(parser: Callable[..., Parsed]) -> Callable[..., Parsed]:
    """Wrap a parser so it keeps its promises: it never raises and never runs away.

    An answer longer than any real one is INVALID without being searched (a pasted document
    would otherwise cost the regular expressions seconds); an unforeseen error becomes INVALID
    too. Only the exception type is logged, never the cell, because cells hold personal data.
    """

    @functools.wraps(parser)
    def guarded(*args: object, **kwargs: object) -> Parsed:
        try:
            parsed = parser(*args, **kwargs)
            if parsed.status == ParseStatus.INVALID and args and _says_no_preference(args[0]):
                return _empty()  # "geen voorkeur" is an answer: none given, not unreadable
            return parsed
        except _AnswerTooLong as too_long:
            return _invalid(
                f"This answer is {too_long.length} characters long; that is text, not a choice.",
                f"Dit antwoord is {too_long.length} tekens lang; dat is tekst, geen keuze.",
            )
        except Exception as error:  # noqa: BLE001 - the contract is "never raise"
            logger.warning("%s failed with %s", parser.__name__, type(error).__name__)
            return _invalid(
                "This answer could not be read; please check it.",
                "Dit antwoord kon niet gelezen worden; controleer het.",
            )

    return guarded


def _fuzzy_word(text: str, vocabulary: dict[str, T], min_length: int = 4) -> tuple[str, T] | None:
    """The vocabulary value that a mistyped word in a short answer clearly stands for.

    Deterministic: the best match must beat the cut-off and be clearly better than the
    runner-up pointing at a different value; otherwise nothing is guessed.
    """
    words = re.findall(r"[a-z]+", text)
    if len(words) > _FUZZY_MAX_WORDS:
        return None  # a sentence is not a mistyped option; guessing there does more harm
    for word in (w for w in words if len(w) >= min_length):
        matches = process.extract(word, list(vocabulary), scorer=fuzz.ratio, limit=None)
        matches = [match for match in matches if match[1] >= _FUZZY_CUTOFF]
        if not matches:
            continue
        best_word, best_score, _ = matches[0]
        rivals = [m for m in matches[1:] if vocabulary[m[0]] != vocabulary[best_word]]
        if rivals and best_score - rivals[0][1] < _FUZZY_MARGIN:
            continue
        return word, vocabulary[best_word]
    return None


def _first_match_position(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    return found.start() if found else None


# --------------------------------------------------------------------------------------------
# Splitting multi-answers
# --------------------------------------------------------------------------------------------

# A slash between two lone letters is an abbreviation ("t/m", "p/m", "n/a"), not a separator.
_MULTI_SEPARATORS = re.compile(
    r"[;,\n\r]|(?<!\b\w)/|/(?!\w\b)|\s+(?:en|and|&)\s+|\s*&\s*", re.IGNORECASE
)


def split_multi(v: object, separator: str | None = None) -> tuple[str, ...]:
    """Split a multi-answer cell on ``separator``, or on ; , / newline, " en ", " and ", "&".

    Empty parts and dashes are dropped, the rest is cleaned with :func:`clean_text`.
    """
    text = clean_text(v) if not isinstance(v, str) else v
    if text is None:
        return ()
    pieces = text.split(separator) if separator else _MULTI_SEPARATORS.split(text)
    return tuple(part for part in (clean_text(piece) for piece in pieces) if part)
