"""workflow: a coordinator's family corrections reach the solver and change the groups."""

from __future__ import annotations

import numpy as np

from optimiser.result import SolveParams
from optimiser.solve import solve
from tests.optimiser.intervision.conftest import make_table
from workflow import FormOptions, analysed_problem, groups_of, settings_for

# Two groups of five: three occupational therapists, two speech therapists, three
# physiotherapists and two dietitians, all of ISCO minor group 226, so only the titles' words
# tell them apart.
TITLES = ["Ergotherapeut"] * 3 + ["Logopedist"] * 2 + ["Fysiotherapeut"] * 3 + ["Diëtist"] * 2


def _groups(tmp_path, families_toml: str | None) -> tuple[frozenset[frozenset[str]], object]:
    table = make_table([{"function": title} for title in TITLES])
    families = None
    if families_toml is not None:
        families = tmp_path / "families.toml"
        families.write_text(families_toml, encoding="utf-8")
    options = FormOptions(min_size=5, max_size=5, families=families, rules=("learn_give_mix=off",))
    problem, annotated = analysed_problem(table, options, settings_for(options))
    result = solve(problem.problem, SolveParams(method="exact", workers=1, time_limit_s=60))
    by_group: dict[int, set[str]] = {}
    for pid, group in groups_of(problem, result).items():
        by_group.setdefault(group, set()).add(annotated.loc[pid, "function"])
    return frozenset(frozenset(titles) for titles in by_group.values()), problem


def test_a_merge_makes_the_titles_peers_and_changes_the_groups(tmp_path):
    merged = '[families]\n"Ergotherapeut" = "Therapeuten"\n"Logopedist" = "Therapeuten"\n'
    before, plain = _groups(tmp_path, None)
    after, corrected = _groups(tmp_path, merged)
    assert before == {
        frozenset({"Ergotherapeut", "Diëtist"}),
        frozenset({"Logopedist", "Fysiotherapeut"}),
    }
    assert after == {
        frozenset({"Ergotherapeut", "Logopedist"}),
        frozenset({"Fysiotherapeut", "Diëtist"}),
    }
    # The pair score the solver uses changed, not only the label.
    function = {t.key: t for t in plain.problem.pair_terms}["function"].scores
    function_corrected = {t.key: t for t in corrected.problem.pair_terms}["function"].scores
    ergo, speech = TITLES.index("Ergotherapeut"), TITLES.index("Logopedist")
    assert np.asarray(function)[ergo, speech] < 30
    assert np.asarray(function_corrected)[ergo, speech] >= 80
