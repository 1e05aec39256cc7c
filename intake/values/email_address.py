"""E-mail addresses, found in what people typed around them."""

from __future__ import annotations

import re

from intake.values.parsed import (
    Parsed,
    _answer_parser,
    _answer_text,
    _empty,
    _guessed,
    _invalid,
    _ok,
)

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
