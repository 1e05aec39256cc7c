"""Turn the many ways people answer an intake question, in Dutch and English, into values.

Intake files come from Microsoft Forms, Google Forms or hand-made spreadsheets, so one answer
arrives in many phrasings ("Beide", "allebei", "50/50"). Every ``parse_*`` function reads one
cell and returns a :class:`Parsed` value with a status instead of raising, so the pipeline can
turn each doubt into an issue a coordinator can check (``note_en`` / ``note_nl`` quote the input
and say how it was read). Matching works on lower-cased, accent-free text with small
vocabularies and regular expressions; rapidfuzz only rescues single mistyped words
("beslissr", "ochtent"), and such a rescue is always reported as GUESSED.
"""

from __future__ import annotations

import functools
import logging
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

logger = logging.getLogger(__name__)

T = TypeVar("T")

MOMENTS = ("morning", "afternoon", "late_afternoon", "evening")
STYLES = ("accommodating", "diverging", "assimilating", "converging")


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


def _answer_parser(parser: Callable[..., Parsed]) -> Callable[..., Parsed]:
    """Wrap a parser so it keeps its promises: it never raises and never runs away.

    An answer longer than any real one is INVALID without being searched (a pasted document
    would otherwise cost the regular expressions seconds); an unforeseen error becomes INVALID
    too. Only the exception type is logged, never the cell, because cells hold personal data.
    """

    @functools.wraps(parser)
    def guarded(*args: object, **kwargs: object) -> Parsed:
        try:
            return parser(*args, **kwargs)
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
# Learn or give
# --------------------------------------------------------------------------------------------

_LEARN_WORDS = re.compile(
    r"\b(leer|leren|learn\w*|halen|ophalen|krijgen|ontvangen|receiv\w*|get|gain\w*|opdoen"
    r"|nemen)\b"
)
_GIVE_WORDS = re.compile(
    r"\b(geef|geven|give|giving|delen|share|sharing|breng|brengen|bring\w*|bijdragen|draag"
    r"|contribut\w*|teach\w*|helpen|help\w*|overdragen|doorgeven|mentor\w*)\b"
    r"|(?<!een )\bdeel\b"
)
_BOTH_WORDS = re.compile(
    r"\b(beide|beiden|allebei|allebij|both|zowel|evenveel|fifty[- ]fifty|half half)\b"
    r"|\b50 ?[/-] ?50\b"
)
# "niet om te geven" removes "geven"; "niet alleen" ("not only") is no negation.
_NEGATED_WORD = re.compile(r"\b(?:niet|not|geen)\s+(?:om te\s+|to\s+)?(?!alleen\b|only\b)\w+")
_MORE_THAN = re.compile(r"\b(?:meer|more|eerder|rather)\b(?P<more>.+?)\b(?:dan|than)\b")
_LEARN_GIVE_VOCABULARY = {
    "leren": "learn", "learn": "learn", "halen": "learn",
    "geven": "give", "give": "give", "delen": "give", "brengen": "give", "share": "give",
    "beide": "both", "allebei": "both", "both": "both",
}  # fmt: skip
_LEARN_GIVE_NL = {"learn": "leren", "give": "geven", "both": "beide"}


@_answer_parser
def parse_learn_give(v: object) -> Parsed[str]:
    """Read "do you come to learn or to give" as "learn", "give" or "both"."""
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _NEGATED_WORD.sub(" ", _fold(text))
    comparison = _MORE_THAN.search(folded)
    if comparison:  # "meer geven dan halen": only what comes more counts
        folded = comparison.group("more")
    learns = bool(_LEARN_WORDS.search(folded))
    gives = bool(_GIVE_WORDS.search(folded))
    if _BOTH_WORDS.search(folded) or (learns and gives):
        return _ok("both")
    if learns:
        return _ok("learn")
    if gives:
        return _ok("give")
    rescued = _fuzzy_word(folded, _LEARN_GIVE_VOCABULARY)
    if rescued:
        word, value = rescued
        return _guessed(
            value,
            *_check_note(
                value,
                _LEARN_GIVE_NL[value],
                text,
                f'"{word}" looks like a typo',
                f'"{word}" lijkt een tikfout',
            ),
        )
    return _invalid(
        f"Could not read {_quote(text)} as learn, give or both.",
        f"{_quote(text)} is niet te lezen als leren, geven of beide.",
    )


# --------------------------------------------------------------------------------------------
# Learning style (Kolb)
# --------------------------------------------------------------------------------------------

# The names of the styles (Kolb, the Dutch names and their English renderings, Honey &
# Mumford) outrank descriptions.
_STYLE_NAMES = {
    "accommodating": re.compile(r"doener\w*|\bdoers?\b|accom+odat\w*|activist\w*"),
    "diverging": re.compile(r"dromer\w*|\bdreamers?\b|diverg\w*|reflector\w*"),
    "assimilating": re.compile(r"\bdenker\w*|\bthinkers?\b|assimil\w*|theorist\w*|theoreticus"),
    "converging": re.compile(r"beslisser\w*|\bdeciders?\b|converg\w*|pragmati\w*"),
}
_STYLE_DESCRIPTIONS = {
    "accommodating": re.compile(
        r"door (te )?doen|by doing|\bdoing\b|\bdoen\b|hands[- ]on|trial and error"
        r"|experimenter\w*|experiment\w*|aan de slag|concrete ervaring"
        r"|concrete experience"
    ),
    "diverging": re.compile(
        r"\bkijken|\bkijk\b|observ\w*|watch\w*|nadenken|\bdenk\w* na\b|reflect\w*|brainstorm\w*"
        r"|perspectie\w*|perspectiv\w*|\bdromen|\bvoelen|\bfeeling|luisteren|listening"
    ),
    "assimilating": re.compile(
        r"theor\w*|\blezen|\breading|\bmodel\w*|concept\w*|begrijpen|understand\w*|analy\w*"
        r"|logica|logic\w*|\bdenken\b|\bthinking\b|boeken|books|\bstudie|\bstudy|kennis"
    ),
    "converging": re.compile(
        r"toepass\w*|toe te passen|\bapply\w*|applicat\w*|practic\w*|praktisch\w*|beslis\w*"
        r"|decid\w*|decision\w*|oploss\w*|problem[- ]solving|\bsolv\w*|doelgericht"
        r"|uit te proberen|uitproberen|\bproberen|\btry\w* (\w+ )?out\b"
    ),
}
# The verb each Dutch name comes from (doen, dromen, denken, beslissen) weighs double, so
# "praktisch, doen" is a doer rather than a decider.
_STYLE_ROOT_VERBS = {
    "accommodating": re.compile(r"\bdoen\b|\bdoing\b"),
    "diverging": re.compile(r"\bdromen\b|\bdreaming\b"),
    "assimilating": re.compile(r"\bdenken\b|\bthinking\b"),
    "converging": re.compile(r"\bbeslissen\b|\bdeciding\b"),
}
_STYLE_VOCABULARY = {
    "doener": "accommodating", "dromer": "diverging", "denker": "assimilating",
    "beslisser": "converging", "accommodator": "accommodating", "accommodating": "accommodating",
    "diverger": "diverging", "diverging": "diverging", "assimilator": "assimilating",
    "assimilating": "assimilating", "converger": "converging", "converging": "converging",
}  # fmt: skip
_STYLE_NL = {
    "accommodating": "doener (accommodating)",
    "diverging": "dromer (diverging)",
    "assimilating": "denker (assimilating)",
    "converging": "beslisser (converging)",
}


def _description_weight(style: str, text: str) -> int:
    """How strongly a description points at a style: its phrases, root verbs counting twice."""
    return len(_STYLE_DESCRIPTIONS[style].findall(text)) + len(
        _STYLE_ROOT_VERBS[style].findall(text)
    )


def _styles_by_first_mention(patterns: dict[str, re.Pattern[str]], text: str) -> list[str]:
    positions = {style: _first_match_position(pattern, text) for style, pattern in patterns.items()}
    return sorted((s for s, p in positions.items() if p is not None), key=lambda s: positions[s])


@_answer_parser
def parse_learning_style(v: object) -> Parsed[str]:
    """Read a Kolb learning style from its name (doener, accommodator, ...) or a description.

    A style name wins over descriptive words. When an answer points at several styles, the one
    described most (then mentioned first) is taken and reported as GUESSED.
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    named = _styles_by_first_mention(_STYLE_NAMES, folded)
    described = _styles_by_first_mention(_STYLE_DESCRIPTIONS, folded)
    candidates = named or sorted(described, key=lambda s: -_description_weight(s, folded))
    if len(candidates) == 1:
        return _ok(candidates[0])
    if candidates:
        chosen = candidates[0]
        others_en = ", ".join(candidates[1:])
        others_nl = ", ".join(_STYLE_NL[s] for s in candidates[1:])
        return _guessed(
            chosen,
            *_check_note(
                chosen,
                _STYLE_NL[chosen],
                text,
                f"it also points at {others_en}",
                f"het wijst ook op {others_nl}",
            ),
        )
    rescued = _fuzzy_word(folded, _STYLE_VOCABULARY, min_length=5)
    if rescued:
        word, style = rescued
        return _guessed(
            style,
            *_check_note(
                style,
                _STYLE_NL[style],
                text,
                f'"{word}" looks like a typo',
                f'"{word}" lijkt een tikfout',
            ),
        )
    return _invalid(
        f"Could not read {_quote(text)} as a learning style (doer, dreamer, thinker or decider).",
        f"{_quote(text)} is niet te lezen als leerstijl (doener, dromer, denker of beslisser).",
    )


# --------------------------------------------------------------------------------------------
# Yes / no
# --------------------------------------------------------------------------------------------

_YES_FIRST = frozenset({
    "ja", "yes", "j", "y", "true", "waar", "1", "jawel", "yep", "yeah", "zeker", "graag",
    "absoluut", "certainly", "sure", "ok", "oke", "okay", "prima", "akkoord", "wel", "x",
})  # fmt: skip
_NO_FIRST = frozenset({
    "nee", "neen", "no", "n", "false", "onwaar", "0", "nope", "nah", "niet", "not", "geen",
    "never", "nooit",
})  # fmt: skip
_UNDECIDED = re.compile(
    r"misschien|\bmaybe\b|\bperhaps\b|weet (ik )?(het )?(nog )?niet|\bweet niet\b"
    r"|don'?t know|not sure|geen voorkeur|no preference|maakt (mij |me )?(niet|niks) uit"
    r"|doesn'?t matter|twijfel\w*|\bneutra\w*|\bonbekend|\bunknown|\bmwah|\bmisschien"
)
_NO_PHRASES = re.compile(
    r"\bniet nodig|\bhoeft niet|\bliever niet|\bgeen behoefte|\bnot needed|\bno need"
    r"|\bnot necessary|\brather not|\bdo not|\bdon'?t\b|\bniet\b|\bnot\b|\bgeen\b"
)
_YES_PHRASES = re.compile(
    r"\bgraag|\bzeker|\bwel\b|\bplease|\bwould like|\bi'?d like|\blijkt me|\bprefer|\bwil ik"
    r"|\bdefinitely|\bof course|\buiteraard|\bnatuurlijk"
)


@_answer_parser
def parse_yes_no(v: object) -> Parsed[bool]:
    """Read a yes/no answer; a plain first word decides, a longer sentence is GUESSED."""
    if isinstance(v, bool):
        return _ok(v)
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    if _UNDECIDED.search(folded):
        return _invalid(
            f"{_quote(text)} is neither yes nor no; please ask.",
            f"{_quote(text)} is geen ja en geen nee; vraag het na.",
        )
    words = re.findall(r"[a-z0-9']+", folded)
    if words and words[0] in _YES_FIRST:
        return _ok(True)
    if words and words[0] in _NO_FIRST:
        return _ok(False)
    says_no, says_yes = bool(_NO_PHRASES.search(folded)), bool(_YES_PHRASES.search(folded))
    if says_no != says_yes:
        answer = says_yes
        return _guessed(
            answer, *_check_note("yes" if answer else "no", "ja" if answer else "nee", text)
        )
    return _invalid(
        f"Could not read {_quote(text)} as yes or no.",
        f"{_quote(text)} is niet te lezen als ja of nee.",
    )


# --------------------------------------------------------------------------------------------
# Hierarchical level
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Experience with intervision
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Meeting moments
# --------------------------------------------------------------------------------------------

_MOMENT_NL = {
    "morning": "ochtend",
    "afternoon": "middag",
    "late_afternoon": "eind van de middag",
    "evening": "avond",
}
_MOMENT_EN = {
    "morning": "morning",
    "afternoon": "afternoon",
    "late_afternoon": "late afternoon",
    "evening": "evening",
}
_ANY_MOMENT = re.compile(
    r"maakt (mij |me )?(niet|niks) uit|\balles\b|\ballemaal\b|any ?time|any moment|\bany\b$"
    r"|flexib\w*|geen voorkeur|no preference|doesn'?t matter|does not matter|\baltijd\b"
    r"|\balways\b|om het even|whenever|alle (momenten|dagdelen|tijden)|all (of them|times"
    r"|moments|options)|\bmaakt niet uit\b"
)
_WEEKDAYS = re.compile(
    r"(maan|dins|woens|donder|vrij|zater|zon)dag(en|s)?|\b(ma|di|wo|do|vr|za|zo)\b\.?"
    r"|\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(mon|tue|wed|thu|fri|sat|sun)\b\.?"
    r"|\bdoordeweeks\w*|\bweekdagen|\bweekdays?|\bwerkdagen|\bworkdays?|\bweekends?\b"
)
_NEGATION = re.compile(
    r"\b(liever niet|rather not|maar niet|but not|niet|not|geen|no|behalve"
    r"|except|nooit|never)\b"
)
# Phrases in the order they are tried; a matched phrase is removed before the next is tried,
# so "vroege middag" is afternoon and does not also count as "vroeg" (early = morning).
_MOMENT_PHRASES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("late_afternoon",),
        re.compile(
            r"\b(eind|einde|laatste deel|end|late part)( van| of)?( de| the)? (mid|na)?"
            r"(dag|afternoon)|\b(late|latere|laat in de|later in the) (middag|afternoon)"
            r"|\blate ?afternoon|\b(eind|einde|end)( van| of)?( de| the)? (werk)?(dag|day"
            r"|working day|workday)|\bna (het |mijn )?werk|\bafter work|\bna (werk|kantoor)tijd"
            r"|\bafter (office|working) hours|\beinde? middag|\bborrel\w*"
        ),
    ),
    (("evening",), re.compile(r"\bvroege avond|\bearly evening|\bbegin (van de )?avond")),
    (
        ("afternoon",),
        re.compile(
            r"\b(vroege|begin van de|begin|vroeg in de) middag|\bearly afternoon|\bna de lunch"
            r"|\bafter lunch|\btussen de middag|\blunch\w*|\bnamiddag\w*|\bmiddag\w*|\bs middags"
            r"|\bafternoons?|\bpm\b|\bnoon\b|\bmidday"
        ),
    ),
    (
        ("morning",),
        re.compile(
            r"\bvoormiddag\w*|\bochtend\w*|\bmorgen\w*|\bmornings?|\bbegin van de (werk)?dag"
            r"|\bstart of the (working )?day|\bvoor de lunch|\bbefore lunch|\bvroeg\w*|\bearly\b"
            r"|\bam\b"
        ),
    ),
    (("evening",), re.compile(r"\bavond\w*|\bevenings?|\bnights?\b|\bna het eten|\bafter dinner")),
    (
        ("morning", "afternoon"),
        re.compile(
            r"\boverdag|\bdaytime|\bduring the day|\b(onder|binnen|tijdens) (werk|kantoor)tijd"
            r"|\bduring (office|working) hours|\bhele dag|\ball day"
        ),
    ),
)
_CLOCK = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_TIME_RANGE = re.compile(
    rf"{_CLOCK}\s*(?:uur|u)?\s*(?:-|tot|to|till|until|t/m)\s*{_CLOCK}"
    r"\s*(?:uur|u|h)?"
)
_TIME_AFTER = re.compile(rf"\b(?:na|vanaf|after|from|since|vanaf ca\.?)\s*{_CLOCK}\s*(?:uur|u|h)?")
_TIME_BEFORE = re.compile(rf"\b(?:voor|before|tot|until|till)\s*{_CLOCK}\s*(?:uur|u|h)?")
_TIME_AT = re.compile(
    r"(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?"
    r"|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.|uur|u|h)\b"
)
# "tussen 12 en 14 uur" is one range, not two parts split at "en".
_BETWEEN_TIMES = re.compile(
    r"\b(?:tussen|between)\s+(\d{1,2}(?:[:.]\d{2})?)\s+(?:en|and)\s+(\d{1,2})", re.IGNORECASE
)
_MOMENT_VOCABULARY = {
    "ochtend": "morning", "ochtends": "morning", "morning": "morning",
    "middag": "afternoon", "middags": "afternoon", "afternoon": "afternoon",
    "avond": "evening", "avonds": "evening", "evening": "evening",
}  # fmt: skip


def _moment_at(hour: float) -> str:
    """The moment a meeting starting at ``hour`` falls in (the spec's start-time bands)."""
    if hour < 12:
        return "morning"
    if hour < 15:
        return "afternoon"
    if hour < 18:
        return "late_afternoon"
    return "evening"


def _clock_hour(hour: str, minute: str | None, meridiem: str | None) -> float | None:
    """A clock reading as a fractional hour; None when it is not a time of day."""
    value = int(hour) + (int(minute) / 60 if minute else 0.0)
    if meridiem and meridiem.startswith("p") and value < 12:
        value += 12
    elif meridiem and meridiem.startswith("a") and value >= 12:
        value -= 12
    elif not meridiem and 1 <= value < 7:
        value += 12  # nobody meets at 3 at night: "3-5" is in the afternoon
    return value if 0 <= value < 24 and (not minute or int(minute) < 60) else None


def _times_in(text: str) -> tuple[set[str], str]:
    """Moments named by clock times, and the text with those times removed."""
    found: set[str] = set()

    def take(match: re.Match[str], hour: float | None) -> str:
        if hour is None:
            return match.group(0)
        found.add(_moment_at(hour))
        return " "

    def from_range(m: re.Match[str]) -> str:
        start_meridiem = m.group(3) or (m.group(6) if int(m.group(1)) < int(m.group(4)) else None)
        return take(m, _clock_hour(m.group(1), m.group(2), start_meridiem))

    def from_before(m: re.Match[str]) -> str:
        end = _clock_hour(m.group(1), m.group(2), m.group(3))
        return take(m, None if end is None else max(end - 1, 0))

    def from_at(m: re.Match[str]) -> str:
        if m.group(1):
            return take(m, _clock_hour(m.group(1), m.group(2), m.group(3)))
        meridiem = m.group(5) if m.group(5) not in ("uur", "u", "h") else None
        return take(m, _clock_hour(m.group(4), None, meridiem))

    text = _TIME_RANGE.sub(from_range, text)
    text = _TIME_AFTER.sub(lambda m: take(m, _clock_hour(m.group(1), m.group(2), m.group(3))), text)
    text = _TIME_BEFORE.sub(from_before, text)
    text = _TIME_AT.sub(from_at, text)
    return found, text


def _moments_in(text: str) -> set[str]:
    """All moments a piece of folded text names, by clock time or by word."""
    found, text = _times_in(text)
    for moments, pattern in _MOMENT_PHRASES:
        if pattern.search(text):
            found.update(moments)
            text = pattern.sub(" ", text)
    return found


def _moment_list(moments: Iterable[str], names: dict[str, str]) -> str:
    ordered = [names[m] for m in MOMENTS if m in set(moments)]
    return ", ".join(ordered) if ordered else "-"


@_answer_parser
def parse_meeting_moments(v: object, separator: str | None = None) -> Parsed[tuple[str, ...]]:
    """Read preferred meeting moments as a subset of MOMENTS, in MOMENTS order.

    Works per part of a multi-answer (see :func:`split_multi`). Weekdays ("dinsdagochtend",
    "Tuesday morning", or "maandag" as a part of its own) are ignored for now: only the moment
    of the day is kept. Clock times are
    placed by their start ("9:00-13:00" is morning). "niet 's avonds" / "alles behalve avond"
    exclude a moment. Parts that name no moment are listed in the note (GUESSED), unless no part
    names one (INVALID).
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    wanted: set[str] = set()
    excluded: set[str] = set()
    ignored: list[str] = []
    typos: list[str] = []
    anything = False
    for part in split_multi(_BETWEEN_TIMES.sub(r"\1-\2", text), separator):
        folded = _fold(part).replace("'s ", "s ").replace("'", "")
        folded = re.sub(r"\bv\.?d\.?(?=\s|$)", "van de", folded)
        without_days = _WEEKDAYS.sub(" ", folded)
        if not re.search(r"[a-z0-9]", without_days):
            continue  # a weekday on its own: days are not planned yet (see docstring)
        folded = without_days
        part_is_any = bool(_ANY_MOMENT.search(folded))
        folded = _ANY_MOMENT.sub(" ", folded)
        negation = _NEGATION.search(folded)
        positive, negative = (
            (folded[: negation.start()], folded[negation.end() :]) if negation else (folded, "")
        )
        named, unwanted = _moments_in(positive), _moments_in(negative)
        if not (named or unwanted or part_is_any):
            rescued = _fuzzy_word(positive, _MOMENT_VOCABULARY)
            if rescued:
                named = {rescued[1]}
                typos.append(rescued[0])
            else:
                ignored.append(part)
                continue
        anything = anything or part_is_any
        wanted |= named
        excluded |= unwanted
    if not (wanted or excluded or anything):
        return _invalid(
            f"Could not read {_quote(text)} as meeting moments "
            "(morning, afternoon, late afternoon, evening).",
            f"{_quote(text)} is niet te lezen als moment "
            "(ochtend, middag, eind van de middag, avond).",
        )
    only_exclusions = not wanted and not anything
    chosen = set(MOMENTS) if anything or only_exclusions else wanted
    result = tuple(m for m in MOMENTS if m in chosen - excluded)
    if not (ignored or typos or only_exclusions):
        return _ok(result)
    reasons_en, reasons_nl = [], []
    if ignored:
        listed = ", ".join(_quote(p) for p in ignored)
        reasons_en.append(f"ignored {listed}")
        reasons_nl.append(f"{listed} genegeerd")
    if typos:
        listed = ", ".join(_quote(t) for t in typos)
        reasons_en.append(f"{listed} looks like a typo")
        reasons_nl.append(f"{listed} lijkt een tikfout")
    if only_exclusions:
        reasons_en.append("only moments to avoid were given")
        reasons_nl.append("alleen momenten om te vermijden genoemd")
    return _guessed(
        result,
        *_check_note(
            _moment_list(result, _MOMENT_EN),
            _moment_list(result, _MOMENT_NL),
            text,
            "; ".join(reasons_en),
            "; ".join(reasons_nl),
        ),
    )


# --------------------------------------------------------------------------------------------
# Number words, shared by time budget and travel
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Time budget
# --------------------------------------------------------------------------------------------

_WEEKS_PER_MONTH = 52 / 12
_HOURS_PER_DAYPART = 4.0  # a dagdeel: a morning, an afternoon or an evening
_HOURS_PER_DAY = 8.0
_HOURS_PER_SESSION = 4.0  # the seeds: an intervision session takes about 4 hours
_MAX_PLAUSIBLE_HOURS_PER_MONTH = 160.0
_MONTHS_PER_UNIT = {"week": 1 / _WEEKS_PER_MONTH, "month": 1.0, "quarter": 3.0, "year": 12.0}
_PERIOD_UNIT = {
    "weken": "week", "weeks": "week", "week": "week", "wkn": "week", "wk": "week", "w": "week",
    "maanden": "month", "maand": "month", "months": "month", "month": "month", "mnd": "month",
    "mth": "month", "m": "month", "kwartalen": "quarter", "kwartaal": "quarter",
    "quarters": "quarter", "quarter": "quarter", "kw": "quarter", "jaren": "year",
    "jaar": "year", "years": "year", "year": "year", "jr": "year", "yr": "year", "j": "year",
}  # fmt: skip
_PERIOD = re.compile(
    r"(?:\b(?:per|elke|iedere?|each|every|om de|once every|once a|eens per|eens in de|in de"
    r"|in een|in|a|an)\s+|/\s*)"
    rf"(?:(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER})\s*)?)?"
    r"(?P<unit>weken|weeks?|wkn?|maanden|maand|months?|mnd|mth|kwartalen|kwartaal|quarters?"
    r"|jaren|jaar|years?|jr|yr)\b"
)
_PERIOD_ABBREVIATION = re.compile(r"\bp\s*[./]?\s*(?P<unit>m|w|j|mnd|wk)\b\.?|/(?P<unit2>[mwj])\b")
_PERIOD_ADJECTIVE = re.compile(
    rf"\b(?:(?P<n>{_NUMBER})[- ]?)?(?P<word>maandelijks|monthly|wekelijks|weekly|jaarlijks"
    r"|yearly|annually|quarterly|driemaandelijks|tweewekelijks|biweekly|fortnightly)\b"
)
_ADJECTIVE_PERIOD = {
    "maandelijks": (1.0, "month"), "monthly": (1.0, "month"), "wekelijks": (1.0, "week"),
    "weekly": (1.0, "week"), "jaarlijks": (1.0, "year"), "yearly": (1.0, "year"),
    "annually": (1.0, "year"), "quarterly": (1.0, "quarter"), "driemaandelijks": (1.0, "quarter"),
    "tweewekelijks": (2.0, "week"), "biweekly": (2.0, "week"), "fortnightly": (2.0, "week"),
}  # fmt: skip
_COUNT = re.compile(
    rf"(?P<n1>{_NUMBER})\s*(?:(?:-|tot|to|a|of)\s*(?P<n2>{_NUMBER})\s*)?"
    r"(?:x|keer|maal|times)\b"
)
_EFFORT = re.compile(
    rf"(?:(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER})\s*)?)?"
    r"(?<![a-z])(?P<unit>uren|uur|uurtjes?|u|h|hrs?|hours?|minuten|minuut|mins?|minutes?|dagdelen"
    r"|dagdeel|halve dag(?:en)?|half[- ]?days?|ochtenden|ochtend|middagen|middag|avonden|avond"
    r"|mornings?|afternoons?|evenings?|dagen|dag|days?|sessies?|sessions?|bijeenkomsten"
    r"|bijeenkomst|meetings?)\b"
)
_BARE_NUMBER = re.compile(rf"(?P<n1>{_NUMBER})\s*(?:{_RANGE_SEPARATOR}\s*(?P<n2>{_NUMBER}))?")


def _effort_hours(unit: str) -> float:
    """Hours one unit of effort stands for."""
    if unit in ("uren", "uur", "uurtje", "uurtjes", "u", "h", "hr", "hrs", "hour", "hours"):
        return 1.0
    if unit.startswith("min"):
        return 1 / 60
    if unit.startswith(("dag", "day")):
        return _HOURS_PER_DAY if unit in ("dag", "dagen", "day", "days") else _HOURS_PER_DAYPART
    if unit.startswith(("sessi", "bijeen", "meeting")):
        return _HOURS_PER_SESSION
    return _HOURS_PER_DAYPART  # dagdeel, halve dag, ochtend, middag, avond and English kin


def _period_months(text: str) -> tuple[float | None, bool, str]:
    """The length of the period in months, whether it was a range, and the rest of the text."""
    found = _PERIOD.search(text)
    if found:
        count, is_range = _amount(found.group("n1"), found.group("n2"))
        months = count * _MONTHS_PER_UNIT[_PERIOD_UNIT[found.group("unit")]]
        return months, is_range, text[: found.start()] + " " + text[found.end() :]
    found = _PERIOD_ADJECTIVE.search(text)
    if found:
        count, unit = _ADJECTIVE_PERIOD[found.group("word")]
        count *= _to_float(found.group("n")) if found.group("n") else 1.0
        return (
            count * _MONTHS_PER_UNIT[unit],
            False,
            text[: found.start()] + " " + text[found.end() :],
        )
    found = _PERIOD_ABBREVIATION.search(text)
    if found:
        unit = _PERIOD_UNIT[found.group("unit") or found.group("unit2")]
        return _MONTHS_PER_UNIT[unit], False, text[: found.start()] + " " + text[found.end() :]
    return None, False, text


@_answer_parser
def parse_time_budget(v: object) -> Parsed[float]:
    """Read the time someone will really make free as hours per month (a month is 52/12 weeks).

    A dagdeel (morning, afternoon, evening, half day) counts 4 hours, a day 8 hours and a
    session 4 hours. Missing period (per month assumed), missing unit (hours assumed), ranges
    (middle taken) and sessions are GUESSED; a bare number such as "2,5" is 2.5 hours per month.
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    working = _with_digits(_fold(text))
    months, period_range, working = _period_months(working)
    count_match = _COUNT.search(working)
    count, count_range = (1.0, False)
    if count_match:
        count, count_range = _amount(count_match.group("n1"), count_match.group("n2"))
        working = working[: count_match.start()] + " " + working[count_match.end() :]
    effort = next(
        (
            m
            for m in _EFFORT.finditer(working)
            if m.group("n1") or m.group("unit") not in ("u", "h")
        ),
        None,
    )
    reasons: list[tuple[str, str]] = []
    if effort:
        amount, effort_range = _amount(effort.group("n1"), effort.group("n2"))
        unit_hours = _effort_hours(effort.group("unit"))
        if effort.group("unit").startswith(("sessi", "bijeen", "meeting")):
            reasons.append(("a session counted as 4 hours", "een bijeenkomst telt als 4 uur"))
    elif count_match:
        amount, effort_range, unit_hours = 1.0, False, _HOURS_PER_SESSION
        reasons.append(
            ("each time counted as a 4-hour session", "elke keer telt als bijeenkomst van 4 uur")
        )
    else:
        bare = _BARE_NUMBER.search(working)
        if not bare:
            return _invalid(
                f"Could not read {_quote(text)} as an amount of time "
                "(for example 4 hours per month).",
                f"{_quote(text)} is niet te lezen als hoeveelheid tijd "
                "(bijvoorbeeld 4 uur per maand).",
            )
        amount, effort_range = _amount(bare.group("n1"), bare.group("n2"))
        unit_hours = 1.0
        reasons.append(("no unit given, hours assumed", "geen eenheid, uren aangenomen"))
    if months is None:
        months = 1.0
        reasons.append(("no period given, per month assumed", "geen periode, per maand aangenomen"))
    if effort_range or period_range or count_range:
        reasons.append(("a range, the middle taken", "een bereik, het midden genomen"))
    if months <= 0:
        return _invalid(
            f"{_quote(text)} names a period of zero length.",
            f"{_quote(text)} noemt een periode van nul lang.",
        )
    hours = count * amount * unit_hours / months
    if hours > _MAX_PLAUSIBLE_HOURS_PER_MONTH:
        return _invalid(
            f"{_quote(text)} reads as {_format_number(hours, 'en')} hours per month, "
            "which is not plausible; please check.",
            f"{_quote(text)} komt uit op {_format_number(hours, 'nl')} uur per maand; "
            "dat is niet aannemelijk, controleer dit.",
        )
    if not reasons:
        return _ok(hours)
    return _guessed(
        hours,
        *_check_note(
            f"{_format_number(hours, 'en')} hours per month",
            f"{_format_number(hours, 'nl')} uur per maand",
            text,
            "; ".join(r[0] for r in reasons),
            "; ".join(r[1] for r in reasons),
        ),
    )


# --------------------------------------------------------------------------------------------
# Maximum travel
# --------------------------------------------------------------------------------------------

_KM_PER_MINUTE = 1.0  # 60 km/h door to door, as docs/participant_table.md says
_KM_PER_MILE = 1.609344
_MAX_PLAUSIBLE_TRAVEL_KM = 1000.0  # further than across the Netherlands and Belgium twice
_NO_TRAVEL_LIMIT = re.compile(
    r"maakt (mij |me )?(niet|niks) uit|geen (bezwaar|limiet|maximum|grens|probleem|beperking)"
    r"|doesn'?t matter|does not matter|\bany\b|\bonbeperkt|\bunlimited|no limit|no problem"
    r"|\bnot important|niet belangrijk|\boveral\b|\banywhere\b|\bmaakt niet uit\b|om het even"
    r"|\bwhatever\b|\balles\b"
)
_ROUND_TRIP = re.compile(r"heen en terug|round[- ]?trip|retour|there and back")
_KM = re.compile(
    rf"(?:(?P<n1>{_NUMBER})\s*{_RANGE_SEPARATOR}\s*)?(?P<n2>{_NUMBER})\s*"
    r"(?P<unit>km|kms|kilometers?|kilometres?|miles?|mijl)\b"
)
_HOURS_MINUTES = re.compile(
    r"(?P<h>\d+)\s*(?:[uh:]|uur(?: en)?|hours?(?: and)?)\s*(?P<m>\d{2})\b"
    r"(?:\s*(?:min\w*|m)\b)?"
)
_TRAVEL_HOURS = re.compile(
    rf"(?:(?P<n1>{_NUMBER})\s*{_RANGE_SEPARATOR}\s*)?(?P<n2>{_NUMBER})?\s*"
    r"(?<![a-z])(?P<unit>uur|uren|uurtje|u|h|hrs?|hours?)\b"
)
_TRAVEL_MINUTES = re.compile(
    rf"(?:(?P<n1>{_NUMBER})\s*{_RANGE_SEPARATOR}\s*)?(?P<n2>{_NUMBER})?\s*"
    r"(?<![a-z])(?P<unit>minuten|minuut|minuutjes|min|mins|minutes?|m|kwartier"
    r"|quarter of an hour)\b"
)


def _travel_minutes(text: str) -> tuple[float | None, bool]:
    """Minutes of travel named in the text (hours and minutes add up), and whether a range."""
    clock = _HOURS_MINUTES.search(text)
    if clock:
        return int(clock.group("h")) * 60 + int(clock.group("m")), False
    total, is_range, found = 0.0, False, False
    hours = next(
        (
            m
            for m in _TRAVEL_HOURS.finditer(text)
            if m.group("n2") or m.group("unit") not in ("u", "h")
        ),
        None,
    )
    if hours:
        amount, is_range = _amount(hours.group("n1"), hours.group("n2"))
        total, found = amount * 60, True
        text = text[: hours.start()] + " " + text[hours.end() :]
    minutes = next(
        (m for m in _TRAVEL_MINUTES.finditer(text) if m.group("n2") or m.group("unit") != "m"), None
    )
    if minutes:
        amount, minutes_range = _amount(minutes.group("n1"), minutes.group("n2"))
        per_unit = 15.0 if minutes.group("unit").startswith(("kwartier", "quarter")) else 1.0
        total, found = total + amount * per_unit, True
        is_range = is_range or minutes_range
    return (total if found else None), is_range


@_answer_parser
def parse_max_travel(v: object) -> Parsed[float]:
    """Read the longest acceptable one-way trip as road km; ``math.inf`` means no limit.

    Minutes count as km at 60 km/h door to door. A bare number is taken as minutes (GUESSED);
    a range gives its middle and a round trip is halved (both GUESSED).
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _with_digits(_fold(text))
    reasons: list[tuple[str, str]] = []
    km_match = _KM.search(folded)
    minutes, minutes_range = _travel_minutes(folded)
    if km_match:
        amount, is_range = _amount(km_match.group("n1"), km_match.group("n2"))
        if km_match.group("unit").startswith(("mile", "mijl")):
            amount *= _KM_PER_MILE
        if minutes is not None:
            reasons.append(
                ("both km and time given, km used", "zowel km als tijd genoemd, km gebruikt")
            )
    elif minutes is not None:
        amount, is_range = minutes * _KM_PER_MINUTE, minutes_range
    elif _NO_TRAVEL_LIMIT.search(folded):
        return _ok(math.inf)
    else:
        bare = _BARE_NUMBER.fullmatch(
            re.sub(
                r"^(max\w*|tot|up to|hooguit|ca\.?|circa|ongeveer"
                r"|about|around)\s*",
                "",
                folded,
            ).strip(" .!")
        )
        if not bare:
            return _invalid(
                f"Could not read {_quote(text)} as a distance or travel time "
                "(for example 30 km or 45 minutes).",
                f"{_quote(text)} is niet te lezen als afstand of reistijd "
                "(bijvoorbeeld 30 km of 45 minuten).",
            )
        amount, is_range = _amount(bare.group("n1"), bare.group("n2"))
        amount *= _KM_PER_MINUTE
        reasons.append(("no unit given, minutes assumed", "geen eenheid, minuten aangenomen"))
    if is_range:
        reasons.append(("a range, the middle taken", "een bereik, het midden genomen"))
    if _ROUND_TRIP.search(folded):
        amount /= 2
        reasons.append(("a round trip, halved", "heen en terug, gehalveerd"))
    if amount > _MAX_PLAUSIBLE_TRAVEL_KM:
        return _invalid(
            f"{_quote(text)} reads as {_format_number(amount, 'en')} km one way, "
            "which is not plausible; please check.",
            f"{_quote(text)} komt uit op {_format_number(amount, 'nl')} km enkele reis; "
            "dat is niet aannemelijk, controleer dit.",
        )
    if not reasons:
        return _ok(amount)
    return _guessed(
        amount,
        *_check_note(
            f"{_format_number(amount, 'en')} km",
            f"{_format_number(amount, 'nl')} km",
            text,
            "; ".join(r[0] for r in reasons),
            "; ".join(r[1] for r in reasons),
        ),
    )


# --------------------------------------------------------------------------------------------
# E-mail
# --------------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}"
)
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\],;:\"]+@[^\s<>()\[\],;:\"]+")


@_answer_parser
def parse_email(v: object) -> Parsed[str]:
    """Read an e-mail address: lower-case, "mailto:" and <...> stripped, shape validated.

    Notes never quote the address: it is personal data and the issue already points at the cell.
    """
    text = _answer_text(v)
    if text is None:
        return _empty()
    lowered = re.sub(r"mailto:", " ", text.strip().lower())
    candidates = _EMAIL_CANDIDATE.findall(lowered)
    if not candidates:
        squeezed = re.sub(r"\s*@\s*", "@", lowered).strip(" <>\"'.,;:")
        if _EMAIL.fullmatch(squeezed):
            return _guessed(
                squeezed,
                "Spaces were removed from this e-mail address; please check it.",
                "Spaties uit dit e-mailadres gehaald; controleer het.",
            )
        return _invalid(
            'This is not an e-mail address (no "@" found).',
            'Dit is geen e-mailadres (geen "@" gevonden).',
        )
    addresses = [c.strip(".'\"") for c in candidates]
    valid = [a for a in addresses if _EMAIL.fullmatch(a)]
    if not valid:
        return _invalid(
            'This e-mail address is not valid (check the part after "@", e.g. ".nl").',
            'Dit e-mailadres is ongeldig (controleer het deel na "@", bijv. ".nl").',
        )
    if len(set(addresses)) > 1:
        return _guessed(
            valid[0],
            "The cell holds more than one e-mail address; the first valid one is used.",
            "De cel bevat meer dan één e-mailadres; het eerste geldige is gebruikt.",
        )
    return _ok(valid[0])


# --------------------------------------------------------------------------------------------
# Date and time
# --------------------------------------------------------------------------------------------

_EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0, which absorbs its 1900 leap-year bug
_EXCEL_SERIAL_RANGE = (25569.0, 73051.0)  # 1970-01-01 .. 2100-01-01: plausible form dates
_MONTH_NAMES = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3,
    "maart": 3, "mar": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augustus": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_TIME_OF_DAY = (
    r"(?:[t\s,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*(am|pm|a\.m\.|p\.m\.)?)?"
)
_NUMERIC_DATE = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{2}}|\d{{4}}){_TIME_OF_DAY}")
_ISO_DATE = re.compile(
    rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME_OF_DAY}(?:z|[+-]\d{{2}}:?\d{{2}})?"
)
_DAY_MONTH_NAME = re.compile(rf"(?:\w+,?\s+)?(\d{{1,2}})\s+([a-z]+)\.?\s+(\d{{4}}){_TIME_OF_DAY}")
_MONTH_NAME_DAY = re.compile(rf"(?:\w+,?\s+)?([a-z]+)\.?\s+(\d{{1,2}}),?\s+(\d{{4}}){_TIME_OF_DAY}")


def _from_excel_serial(serial: float) -> datetime | None:
    """An Excel serial day number as a datetime, rounded to the second; None if implausible."""
    low, high = _EXCEL_SERIAL_RANGE
    if not low <= serial < high:
        return None
    moment = _EXCEL_EPOCH + timedelta(days=serial)
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def _build(year: int, month: int, day: int, time_parts: tuple) -> datetime:
    hour, minute, second, meridiem = time_parts
    hour_value = int(hour) if hour else 0
    if meridiem and meridiem.startswith("p") and hour_value < 12:
        hour_value += 12
    elif meridiem and meridiem.startswith("a") and hour_value == 12:
        hour_value = 0
    if year < 100:
        year += 2000
    return datetime(year, month, day, hour_value, int(minute or 0), int(second or 0))


@_answer_parser
def parse_datetime(v: object) -> Parsed[datetime]:
    """Read a timestamp: datetimes, Excel serials, Dutch d-m-y, MS Forms en-US m/d/y, ISO.

    Slashes with AM/PM are month first (MS Forms en-US); dashes and dots are day first (Dutch).
    Slashes without AM/PM are day first unless that is impossible; when both orders are
    possible the day-first reading is GUESSED. Time zones are dropped, keeping the wall-clock
    time as written, because a form's timestamps are all in one local zone.
    """
    if _is_missing(v):  # before the datetime check: pandas' NaT is a datetime too
        return _empty()
    if isinstance(v, datetime):  # also pandas' Timestamp, returned as a plain naive datetime
        return _ok(datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond))
    if isinstance(v, date):
        return _ok(datetime(v.year, v.month, v.day))
    text = _answer_text(v)
    if text is None:
        return _empty()
    folded = _fold(text)
    invalid = _invalid(
        f"Could not read {_quote(text)} as a date and time.",
        f"{_quote(text)} is niet te lezen als datum en tijd.",
    )
    if re.fullmatch(_NUMBER, folded) and not isinstance(v, bool):
        moment = _from_excel_serial(_to_float(folded))
        return _ok(moment) if moment else invalid
    try:
        if found := _ISO_DATE.fullmatch(folded):
            year, month, day = (int(x) for x in found.groups()[:3])
            return _ok(_build(year, month, day, found.groups()[3:]))
        if found := _NUMERIC_DATE.fullmatch(folded):
            first, separator, second, year = found.groups()[:4]
            time_parts = found.groups()[4:]
            a, b = int(first), int(second)
            month_first = separator == "/" and (bool(time_parts[3]) or a <= 12 < b)
            if separator == "/" and time_parts[3] and b <= 12 < a:
                month_first = False
            day, month = (b, a) if month_first else (a, b)
            moment = _build(int(year), month, day, time_parts)
            if separator == "/" and not time_parts[3] and a <= 12 and b <= 12 and a != b:
                return _guessed(
                    moment,
                    *_check_note(
                        moment.strftime("%Y-%m-%d %H:%M:%S"),
                        moment.strftime("%d-%m-%Y %H:%M:%S"),
                        text,
                        "day first assumed",
                        "dag eerst aangenomen",
                    ),
                )
            return _ok(moment)
        for pattern, day_group, month_group in ((_DAY_MONTH_NAME, 0, 1), (_MONTH_NAME_DAY, 1, 0)):
            if found := pattern.fullmatch(folded):
                month = _MONTH_NAMES.get(found.group(month_group + 1))
                if month:
                    day = int(found.group(day_group + 1))
                    return _ok(_build(int(found.group(3)), month, day, found.groups()[3:]))
    except ValueError:  # a date that does not exist, such as 31-02-2026
        return invalid
    return invalid
