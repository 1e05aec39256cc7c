"""The participant table that intake produces is the one the optimiser reads.

``intake`` and ``optimiser`` never import each other; this test holds them to the contract in
``docs/participant_table.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from intake.analysis import analyse
from intake.pipeline import TABLE_COLUMNS, read_intake
from optimiser.intervision import build_problem, load_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


def test_every_contract_column_is_documented():
    documented = (ROOT / "docs" / "participant_table.md").read_text(encoding="utf-8")
    for column in TABLE_COLUMNS:
        assert f"`{column}`" in documented, column


def test_intake_output_has_the_contract_types():
    table = read_intake(SAMPLES / "msforms_en_60.xlsx").table
    assert table.index.tolist() == table["pid"].tolist()
    assert str(table["level"].dtype) == "Int64" and str(table["experience"].dtype) == "Int64"
    assert str(table["facilitator_wish"].dtype) == "boolean"
    for column in ("lat", "lon", "max_travel_km", "time_budget_h_per_month"):
        assert table[column].dtype == float, column
    for column in ("meeting_moments", "avoid_pids"):
        assert all(isinstance(v, tuple) for v in table[column]), column
    assert pd.api.types.is_datetime64_any_dtype(table["submitted_at"])
    known = set(table["pid"])
    assert {p for ps in table["avoid_pids"] for p in ps} <= known
    assert set(table["manager_pid"].dropna()) <= known


def test_the_optimiser_builds_a_problem_from_the_intake_table():
    analysis = analyse(read_intake(SAMPLES / "intake_40.xlsx").table)
    problem = build_problem(
        analysis.table,
        load_settings(),
        function_vectors=analysis.similarities.function_vectors,
        goal_vectors=analysis.similarities.goal_vectors,
    )
    assert problem.problem.n == len(analysis.table)
    assert list(problem.pids) == analysis.table["pid"].tolist()


def test_intake_and_optimiser_do_not_import_each_other():
    for package, other in (("intake", "optimiser"), ("optimiser", "intake")):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                assert not any(n.split(".")[0] == other for n in names), f"{path} imports {other}"


def test_the_feasibility_diagnosis_holds_people_to_the_solvers_default_travel_limit() -> None:
    """People who gave no travel limit: the diagnosis (intake) and the meeting-place rule
    (optimiser) must assume the same limit, or one calls possible what the other cannot do."""
    from intake.analysis.feasibility import DEFAULT_TRAVEL_LIMIT_KM
    from optimiser.intervision.settings import IntervisionSettings

    assert IntervisionSettings().default_travel_limit_km == DEFAULT_TRAVEL_LIMIT_KM
