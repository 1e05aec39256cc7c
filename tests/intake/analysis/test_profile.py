"""Profile counts match the table, and the charts are small, valid PNGs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from intake.analysis.profile import profile, profile_charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def table(make_table):
    rows = [
        {
            "learn_give": ["learn", "give", "both", "learn", None][i % 5],
            "learning_style": ["diverging", "converging", None][i % 3],
            "time_budget_h_per_month": [1.0, 2.0, 3.5, 8.0, np.nan, 12.0][i % 6],
            "meeting_moments": [("morning",), ("morning", "evening"), ()][i % 3],
            "level": [0, 0, 1, 2, None][i % 5],
            "experience": [0, 2, None][i % 3],
            "max_travel_km": [5.0, 10.0, 30.0, np.nan, 250.0][i % 5],
            "function_family": ["huisarts", "wijkverpleegkundige", "huisarts"][i % 3],
        }
        for i in range(30)
    ]
    return make_table(rows)


def test_categorical_counts_equal_value_counts(table):
    counts = profile(table)
    for aspect in ("learn_give", "learning_style", "level", "experience"):
        expected = table[aspect].value_counts()
        assert counts[aspect][counts[aspect] > 0].to_dict() == expected.to_dict(), aspect
    assert counts["learning_style"]["assimilating"] == 0
    assert list(counts["learn_give"].index) == ["learn", "give", "both"]
    families = table["function_family"].value_counts()
    assert counts["function_family"].to_dict() == families.to_dict()
    assert list(counts["function_family"].index) == ["huisarts", "wijkverpleegkundige"]


def test_moments_count_each_chosen_moment(table):
    moments = profile(table)["meeting_moments"]
    chosen = [m for row in table["meeting_moments"] for m in row]
    assert moments.to_dict() == {
        "morning": chosen.count("morning"),
        "afternoon": 0,
        "late_afternoon": 0,
        "evening": chosen.count("evening"),
    }


def test_time_and_travel_are_binned(table):
    counts = profile(table)
    hours = table["time_budget_h_per_month"]
    assert counts["time_budget"]["< 2 h"] == (hours < 2).sum()
    assert counts["time_budget"]["2-4 h"] == ((hours >= 2) & (hours < 4)).sum()
    assert counts["time_budget"][">= 8 h"] == (hours >= 8).sum()
    assert counts["time_budget"].sum() == hours.notna().sum()
    travel = table["max_travel_km"]
    assert counts["max_travel"]["<= 10 km"] == (travel <= 10).sum()
    assert counts["max_travel"]["no limit"] == travel.isna().sum()
    assert counts["max_travel"]["> 100 km"] == (travel > 100).sum()
    assert counts["max_travel"].sum() == len(table)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_charts_are_small_valid_pngs_one_per_aspect(table, tmp_path, lang):
    paths = profile_charts(table, tmp_path / lang, lang=lang)
    assert [p.name for p in paths] == [f"profile_{aspect}.png" for aspect in profile(table)]
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert len(data) <= 100_000


def test_charts_are_deterministic(table, tmp_path):
    first = profile_charts(table, tmp_path / "a")
    second = profile_charts(table, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_many_families_fit_one_readable_chart(make_table, tmp_path):
    table = make_table([{"function_family": f"family {i:02d}"} for i in range(40)])
    (path,) = [p for p in profile_charts(table, tmp_path) if "function_family" in p.name]
    assert path.read_bytes().startswith(PNG_SIGNATURE)


def test_an_aspect_nobody_answered_gets_no_chart(table, tmp_path):
    unanswered = table.assign(level=pd.NA, experience=pd.NA)
    names = [p.name for p in profile_charts(unanswered, tmp_path)]
    assert "profile_level.png" not in names and "profile_experience.png" not in names
    assert "profile_learn_give.png" in names  # answered aspects keep theirs
