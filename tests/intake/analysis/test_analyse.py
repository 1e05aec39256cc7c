"""analyse(): the table gains its analysis columns (on a copy), aligned with the vectors."""

from __future__ import annotations

import numpy as np

from intake.analysis import analyse


def _rows() -> list[dict]:
    functions = ["Wijkverpleegkundige niveau 5", "wijkvpk", "Huisarts", "GP", "Community nurse"]
    goals = ["feedback geven", "grenzen stellen bij cliënten", None, "feedback ontvangen"]
    return [
        {
            "function": functions[i % len(functions)],
            "learning_goals": goals[i % len(goals)],
            "meeting_moments": ("morning",),
        }
        for i in range(15)
    ]


def test_analysis_columns_are_added_to_a_copy(make_table):
    table = make_table(_rows())
    before = table.copy()
    analysis = analyse(table)
    assert table.equals(before)
    assert list(analysis.table.columns) == [
        *table.columns,
        "function_family",
        "occupation_code",
        "occupation",
        "isco_group",
        "goal_topic",
    ]
    assert analysis.table.index.equals(table.index)
    assert tuple(analysis.table["function_family"]) == analysis.similarities.function_family
    assert tuple(analysis.table["goal_topic"]) == analysis.similarities.goal_topic
    assert analysis.table.loc["R0003", "function_family"] == "District nurse"
    assert analysis.table.loc["R0003", "occupation_code"] == "nl:wijkverpleegkundige"
    assert analysis.table.loc["R0005", "isco_group"] == "2211"  # "GP"
    assert analysis.table.loc["R0005", "occupation"] == "General practitioner"
    assert analysis.table.loc["R0004", "goal_topic"] is None  # no goal written


def test_similarities_are_aligned_row_normalised_vectors(make_table):
    analysis = analyse(make_table(_rows()))
    functions = analysis.similarities.function_vectors
    goals = analysis.similarities.goal_vectors
    assert functions.shape[0] == goals.shape[0] == 15
    similarity = (functions @ functions.T).toarray()
    np.testing.assert_allclose(np.diag(similarity), 1.0)
    assert similarity[0, 1] > 0.99  # niveau 5 and wijkvpk: one function
    assert similarity[0, 2] < 0.5  # wijkverpleegkundige and huisarts
    goal_norms = np.linalg.norm(goals.toarray(), axis=1)
    np.testing.assert_allclose(goal_norms[[0, 1, 3]], 1.0)
    assert goal_norms[2] == 0.0


def test_families_profile_and_overrides(make_table):
    analysis = analyse(make_table(_rows()), family_overrides={"gp": "Huisartsen"})
    assert dict(zip(analysis.families["family"], analysis.families["size"], strict=True)) == {
        "District nurse": 9,
        "Huisartsen": 6,
    }
    assert analysis.profile["function_family"].to_dict() == {
        "District nurse": 9,
        "Huisartsen": 6,
    }
    assert analysis.topics["size"].sum() == analysis.table["goal_topic"].notna().sum()


def test_same_table_same_analysis(make_table):
    first, second = analyse(make_table(_rows())), analyse(make_table(_rows()))
    assert first.table.equals(second.table)
    assert first.diagnosis == second.diagnosis
    assert first.families.equals(second.families)


def test_an_empty_table_is_analysed_without_error(make_table, tmp_path):
    analysis = analyse(make_table([]))
    assert [f.code for f in analysis.diagnosis] == ["too_few_participants"]
    assert analysis.families.empty
    assert analysis.topics.empty
    assert analysis.similarities.function_vectors.shape[0] == 0
    assert all(counts.sum() == 0 for counts in analysis.profile.values())


def test_annotate_gives_the_same_columns_and_vectors_as_analyse():
    from pathlib import Path

    from intake.analysis import analyse, annotate
    from intake.pipeline import read_intake

    table = read_intake(Path(__file__).resolve().parents[3] / "data/samples/intake_40.xlsx").table
    full = analyse(table)
    annotated, similarities = annotate(table)
    assert annotated["function_family"].tolist() == full.table["function_family"].tolist()
    assert (similarities.function_vectors != full.similarities.function_vectors).nnz == 0
