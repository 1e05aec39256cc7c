"""Yes / no answers."""

from __future__ import annotations

import re
from dataclasses import replace

from intake.values.parsed import (
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
)

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


_ONLINE_ONLY = re.compile(
    r"\b(alleen|uitsluitend|enkel|only|just)\b.*\bonline\b|\bonline\b.*\b(only|alleen)\b"
    r"|\bniet (fysiek|op locatie|live)\b|\bnot in person\b"
)
_IN_PERSON_ONLY = re.compile(
    r"\b(alleen|uitsluitend|enkel|only|liever)\b.*\b(fysiek|live|op locatie|in person|face)"
    r"|\bniet online\b|\bnot online\b|\bgeen online\b"
)


@_answer_parser
def parse_online(v: object) -> Parsed[str]:
    """Read whether someone can join online: "only" (online only), "yes" or "no" (in person)."""
    text = _answer_text(v)
    if text is None and not isinstance(v, bool):
        return _empty()
    folded = _fold(text or "")
    if _ONLINE_ONLY.search(folded):
        return _ok("only")
    in_person = re.search(r"\b(fysiek|in person|face to face|op locatie|live)\b", folded)
    if _IN_PERSON_ONLY.search(folded) or (in_person and "online" not in folded):
        return _ok("no")
    if re.search(r"\b(online|hybride|hybrid|digitaal|teams|zoom)\b", folded):
        return _ok("yes")
    answer = parse_yes_no(v)
    if answer.value is None:
        return answer  # empty or unreadable, with its message
    return replace(answer, value="yes" if answer.value else "no")
