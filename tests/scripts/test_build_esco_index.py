"""The shipped ESCO index is what the build script makes from shared/esco, byte for byte."""

from __future__ import annotations

import pytest

from scripts.build_esco_index import REPO, build, default_source


def test_rebuilding_the_index_gives_the_shipped_files(tmp_path):
    source = default_source()
    if source is None:
        pytest.skip("shared/esco is not beside the repository")
    for built in build(source, tmp_path):
        shipped = REPO / "intake" / "data" / built.name
        assert built.read_bytes() == shipped.read_bytes(), built.name


def test_the_index_is_small_and_keeps_no_descriptions():
    index = REPO / "intake" / "data" / "esco_occupations.csv"
    assert index.stat().st_size < 3_000_000
    header = index.read_text(encoding="utf-8").splitlines()[0]
    assert header == "code,isco,nl,en,nl_labels,en_labels"
