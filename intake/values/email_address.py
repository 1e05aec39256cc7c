"""E-mail addresses, found in what people typed around them.

Validated with ``email-validator`` (syntax only: no DNS or deliverability look-up, nothing
leaves the machine), which accepts internationalised addresses (RFC 6531) such as
``zoë.goossens@…``. An address that is not valid is INVALID (no value); the pipeline keeps
what was typed in the table and flags it, so it is never silently blank.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from intake.values.parsed import (
    Parsed,
    _answer_parser,
    _answer_text,
    _empty,
    _guessed,
    _invalid,
    _ok,
)

_ANONYMOUS = frozenset({"anonymous", "anoniem"})
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\],;:\"]+@[^\s<>()\[\],;:\"]+")


@_answer_parser
def parse_email(v: object) -> Parsed[str]:
    """Read an e-mail address: lower-case, "mailto:" and <...> stripped, shape validated.

    Notes never quote the address: it is personal data and the issue already points at the cell.
    """
    text = _answer_text(v)
    if text is None or text.strip().casefold() in _ANONYMOUS:
        return _empty()  # Microsoft Forms writes "anonymous" for every anonymous response
    lowered = re.sub(r"mailto:", " ", text.strip().lower())
    candidates = _EMAIL_CANDIDATE.findall(lowered)
    if not candidates:
        squeezed = re.sub(r"\s*@\s*", "@", lowered).strip(" <>\"'.,;:")
        if _problem(squeezed) is None:
            return _guessed(
                squeezed,
                "Spaces were removed from this e-mail address; please check it.",
                "Spaties uit dit e-mailadres gehaald; controleer het.",
            )
        if "@" in squeezed:
            return _not_valid(squeezed)
        return _invalid(
            'This is not an e-mail address (no "@" found); kept as typed.',
            'Dit is geen e-mailadres (geen "@" gevonden); bewaard zoals getypt.',
        )
    addresses = [c.strip(".'\"") for c in candidates]
    valid = [a for a in addresses if _problem(a) is None]
    if not valid:
        return _not_valid(addresses[0])
    if len(set(addresses)) > 1:
        return _guessed(
            valid[0],
            "The cell holds more than one e-mail address; the first valid one is used.",
            "De cel bevat meer dan één e-mailadres; het eerste geldige is gebruikt.",
        )
    return _ok(valid[0])


def _problem(address: str) -> tuple[str, str] | None:
    """None for a valid address, else which part is wrong (never quoting the address)."""
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as error:
        reason = str(error)
        if "after the @" in reason:
            return (
                'check the part after "@", e.g. ".nl"',
                'controleer het deel na "@", bijv. ".nl"',
            )
        if "before the @" in reason or "something before" in reason:
            return ('check the part before "@"', 'controleer het deel voor "@"')
        return ("check its spelling", "controleer de spelling")
    return None


def _not_valid(address: str) -> Parsed[str]:
    """INVALID with a note on which part is wrong; the note never quotes the address."""
    part_en, part_nl = _problem(address) or ("check its spelling", "controleer de spelling")
    return _invalid(
        f"This e-mail address is not valid ({part_en}); kept as typed, please check it.",
        f"Dit e-mailadres is ongeldig ({part_nl}); bewaard zoals getypt, controleer het.",
    )
