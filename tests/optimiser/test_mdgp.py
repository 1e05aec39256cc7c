"""MDGP reader on a real instance, and exact mode proving known optima (shared folder needed)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from bench.mdgp import instance_dir
from optimiser.mdgp import DEFAULT_SCALE, read_mdgp
from optimiser.problem import GroupBounds
from optimiser.result import SolveParams, Status
from optimiser.scoring import score
from optimiser.solve import solve

FOLDER = instance_dir()
needs_instances = pytest.mark.skipif(FOLDER is None, reason="MDGP instances not available")


def _optima() -> dict[str, tuple[float, list[int]]]:
    assert FOLDER is not None
    with open(FOLDER / "exact_small.csv", encoding="utf-8") as handle:
        return {
            row["instance"]: (
                float(row["optimum"]),
                [int(v) for v in row["optimal_labels"].split()],
            )
            for row in csv.DictReader(handle)
        }


def _path(name: str) -> Path:
    assert FOLDER is not None
    return FOLDER / name.split("_")[0] / f"{name}.txt"


@needs_instances
def test_reader_builds_bounds_and_scaled_weights() -> None:
    problem = read_mdgp(_path("RanReal_n010_ds_01"))
    header = _path("RanReal_n010_ds_01").read_text().splitlines()[0].split()
    assert problem.n == 10
    assert isinstance(problem.sizes, GroupBounds)
    assert len(problem.sizes.bounds) == int(header[1])
    first_pair = _path("RanReal_n010_ds_01").read_text().splitlines()[1].split()
    i, j, d = int(first_pair[0]), int(first_pair[1]), float(first_pair[2])
    scores = problem.pair_terms[0].scores
    assert scores[i, j] == scores[j, i] == round(d * DEFAULT_SCALE)
    assert not np.diag(scores).any()


@needs_instances
def test_known_optimal_labelling_scores_the_optimum() -> None:
    optimum, labels = _optima()["Geo_n012_ds_01"]
    problem = read_mdgp(_path("Geo_n012_ds_01"))
    groups = [
        np.flatnonzero(np.array(labels) == g).tolist() for g in range(len(problem.sizes.bounds))
    ]
    breakdown = score(problem, groups)
    assert breakdown.hard_violations == 0
    assert abs(breakdown.objective / DEFAULT_SCALE - optimum) < 0.01


@needs_instances
@pytest.mark.parametrize("name", ["RanReal_n010_ss_03", "Geo_n012_ss_02", "RanReal_n012_ds_05"])
def test_exact_mode_proves_the_known_optimum(name: str) -> None:
    optimum, _ = _optima()[name]
    result = solve(read_mdgp(_path(name)), SolveParams(time_limit_s=30, method="exact"))
    assert result.status == Status.OPTIMAL
    assert abs(result.objective / DEFAULT_SCALE - optimum) < 0.01
