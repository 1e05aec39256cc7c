"""Fixtures of the round tests."""

from tests.rounds.builders import round_one

__all__ = ["round_one"]
