"""Learn or give, and the learning style (Kolb)."""

from __future__ import annotations

import re

from intake.values.parsed import (
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _first_match_position,
    _fold,
    _fuzzy_word,
    _guessed,
    _invalid,
    _ok,
    _quote,
)

STYLES = ("accommodating", "diverging", "assimilating", "converging")

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
    "accommodating": "doener",
    "diverging": "dromer",
    "assimilating": "denker",
    "converging": "beslisser",
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
