"""What every parser test expects of a :class:`Parsed` value."""

from __future__ import annotations

import math

import pytest

from intake.values import Parsed, ParseStatus

OK, GUESSED, INVALID, EMPTY = (
    ParseStatus.OK,
    ParseStatus.GUESSED,
    ParseStatus.INVALID,
    ParseStatus.EMPTY,
)


def assert_reads(parsed: Parsed, value: object, status: ParseStatus) -> None:
    """Value and status as expected; a doubt always carries a note in both languages."""
    assert parsed.status == status, parsed
    if isinstance(value, float) and not math.isinf(value):
        assert parsed.value == pytest.approx(value, abs=1e-6), parsed
    else:
        assert parsed.value == value, parsed
    if status in (GUESSED, INVALID):
        assert parsed.note_en and parsed.note_nl, parsed
    else:
        assert not parsed.note_en and not parsed.note_nl, parsed
