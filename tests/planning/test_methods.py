"""Method suggestion from the experience mix (seeds 001, 003)."""

from __future__ import annotations

from planning.methods import method_name, suggest_method


def test_beginners_mixed_and_experienced_groups() -> None:
    assert suggest_method([0, 0, 0, 1, 2])[0] == "incident"
    assert suggest_method([2, 2, 2, 1, 1])[0] == "reflective"
    assert suggest_method([0, 1, 2, 2, 1])[0] == "incident_then_reflective"
    assert suggest_method([None, None])[0] == "incident"
    _, en, nl = suggest_method([0, 0, 0, 1, 2])
    assert "3 of 5" in en and "3 van 5" in nl
    assert method_name("reflective", "nl").startswith("reflectieve")
