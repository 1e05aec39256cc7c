"""Maximum travel: minutes or kilometres, one way."""

from __future__ import annotations

import math
import re

from intake.values.number_words import _amount, _with_digits
from intake.values.parsed import (
    _NUMBER,
    _RANGE_SEPARATOR,
    Parsed,
    _answer_parser,
    _answer_text,
    _check_note,
    _empty,
    _fold,
    _format_number,
    _guessed,
    _invalid,
    _ok,
    _quote,
)
from intake.values.time_budget import _BARE_NUMBER

_KM_PER_MINUTE = 1.0  # 60 km/h door to door, as docs/participant_table.md says
_KM_PER_MILE = 1.609344
_MAX_PLAUSIBLE_TRAVEL_KM = 1000.0  # further than across the Netherlands and Belgium twice
_NO_TRAVEL_LIMIT = re.compile(
    r"maakt (mij |me )?(niet|niks) uit|geen (bezwaar|limiet|maximum|grens|probleem|beperking)"
    r"|doesn'?t matter|does not matter|\bany\b|\bonbeperkt|\bunlimited|no limit|no problem"
    r"|\bnot important|niet belangrijk|\boveral\b|\banywhere\b|\bmaakt niet uit\b|om het even"
    r"|\bwhatever\b|\balles\b|geen voorkeur|no preference"
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
        minutes_read = _format_number(amount / _KM_PER_MINUTE, "en")
        reasons.append(
            (
                f"no unit given: read as {minutes_read} minutes by car",
                f"geen eenheid: gelezen als {_format_number(amount / _KM_PER_MINUTE, 'nl')} "
                "minuten met de auto",
            )
        )
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
