"""The planned population: what the generator decides before any answer is written."""

from __future__ import annotations

from intake.samples import SampleSpec
from intake.samples.population import _Generator


def test_names_stay_unique_beyond_the_name_lists() -> None:
    """More people than first x last combinations (about 13,000) must still get unique names."""
    generator = _Generator(SampleSpec(n=20000))
    names = {" ".join(generator.new_name()) for _ in range(16000)}
    assert len(names) == 16000
