"""Function families: title variants land in one family, different functions do not."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from intake.analysis import functions
from intake.analysis.functions import (
    UNKNOWN_FAMILY,
    function_families,
    load_family_overrides,
    normalise_title,
)
from intake.samples import SampleSpec
from tests.intake.analysis.conftest import sample_table

# Each function's variants, keyed by the family name shown in a Dutch session.
VARIANTS = {
    "Praktijkondersteuner GGZ": ["POH-GGZ", "poh ggz", "Praktijkondersteuner GGZ", "POH GGZ"],
    "Wijkverpleegkundige": [
        "Wijkverpleegkundige niveau 5",
        "wijkvpk",
        "Community nurse",
        "District nurse (0,8 fte)",
        "wijkverpleegkundige",
    ],
    "Huisarts": ["Huisarts", "GP", "General practitioner", "huisarts i.o."],
    "Fysiotherapeut": ["Fysio", "Physiotherapist", "fysiotherapeut", "Sr. Fysiotherapeut"],
    "HR-adviseur": ["HR business partner", "HRBP", "sr. HR Business Partner", "P&O-adviseur"],
}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Wijkverpleegkundige niveau 5", "wijkverpleegkundige"),
        ("District Nurse (0,8 fte)", "wijkverpleegkundige"),
        ("POH-GGZ", "praktijkondersteuner ggz"),
        ("Sr. HR business partner", "hr adviseur"),
        ("Coördinator", "coordinator"),
        ("Wijkverpleegkundige nv 5", "wijkverpleegkundige"),
        ("Jr. Beleidsmedewerker", "beleidsadviseur"),
        ("Fysiothérapeut", "fysiotherapeut"),
        ("Intern begeleider", "intern begeleider"),
        (None, ""),
        ("   ", ""),
    ],
)
def test_normalise_title(title, expected):
    assert normalise_title(title) == expected


def _all_variants() -> tuple[list[str], list[str]]:
    titles, truth = [], []
    for family, variants in VARIANTS.items():
        titles += variants
        truth += [family] * len(variants)
    return titles, truth


def test_variants_of_one_function_share_a_family_and_others_do_not():
    titles, truth = _all_variants()
    result = function_families(titles, language="nl")
    for family in VARIANTS:
        found = {label for label, t in zip(result.labels, truth, strict=True) if t == family}
        assert found == {family}, family
    assert len(set(result.labels)) == len(VARIANTS)


def test_huisarts_and_wijkverpleegkundige_are_apart():
    result = function_families(["huisarts", "Huisarts", "wijkverpleegkundige", "Wijkvpk"])
    assert result.labels[0] == result.labels[1] == "General practitioner"
    assert result.labels[2] == result.labels[3] == "District nurse"


def test_family_names_are_canonical_occupation_names_in_the_sessions_language():
    titles = ["Fysio", "Physiotherapist", "Logopediste", "Juf groep 3"]
    assert function_families(titles, language="nl").labels == (
        "Fysiotherapeut",
        "Fysiotherapeut",
        "Logopedist",
        "Leerkracht basisonderwijs",
    )
    assert function_families(titles, language="en").labels == (
        "Physiotherapist",
        "Physiotherapist",
        "Speech therapist",
        "Primary school teacher",
    )


def test_vectors_are_row_normalised_and_similar_within_a_family():
    titles, truth = _all_variants()
    result = function_families([*titles, None])
    vectors = result.vectors.toarray()
    norms = np.linalg.norm(vectors, axis=1)
    np.testing.assert_allclose(norms[:-1], 1.0)
    assert norms[-1] == 0.0
    similarity = vectors @ vectors.T
    same = np.equal.outer(truth, truth)
    assert similarity[: len(truth), : len(truth)][same].min() > (
        similarity[: len(truth), : len(truth)][~same].max()
    )


def test_family_table_counts_people_and_lists_titles_most_common_first():
    titles = ["Huisarts", "huisarts", "Huisarts", "GP", None]
    result = function_families(titles, language="nl")
    table = result.families.set_index("family")
    assert table.loc["Huisarts", "size"] == 4
    assert table.loc["Huisarts", "titles"] == ("Huisarts", "GP", "huisarts")
    assert table.loc["Huisarts", "occupation_code"] == "nl:huisarts"
    assert table.loc["Huisarts", "isco"] == "2211"
    assert table.loc[UNKNOWN_FAMILY, "size"] == 1
    assert result.labels[-1] == UNKNOWN_FAMILY
    assert table["size"].sum() == len(titles)


def test_overrides_win_case_insensitively_by_written_or_normalised_title():
    titles = ["POH-GGZ", "poh ggz", "Praktijkondersteuner GGZ", "Huisarts", "GP", "Fysio"]
    result = function_families(titles, overrides={"Poh-Ggz": "POH-GGZ", "gp": "Artsen"})
    # "gp" normalises to "huisarts", so it renames every title that means huisarts.
    assert result.labels == ("POH-GGZ", "POH-GGZ", "POH-GGZ", "Artsen", "Artsen", "Physiotherapist")
    assert set(result.families["family"]) == {"POH-GGZ", "Artsen", "Physiotherapist"}


def test_load_family_overrides(tmp_path):
    path = tmp_path / "families.toml"
    path.write_text('[families]\n"POH GGZ" = "POH-GGZ"\n"Wijkvpk" = "Wijkverpleging"\n')
    overrides = load_family_overrides(path)
    assert overrides == {"poh ggz": "POH-GGZ", "wijkvpk": "Wijkverpleging"}
    assert function_families(["wijkvpk", "poh-ggz"], overrides=overrides).labels == (
        "Wijkverpleging",
        "POH-GGZ",
    )


def test_load_family_overrides_rejects_a_table_that_is_not_title_to_family(tmp_path):
    path = tmp_path / "families.toml"
    path.write_text("[families]\nhuisarts = 3\n")
    with pytest.raises(ValueError, match="families"):
        load_family_overrides(path)


def test_same_titles_give_the_same_labels_in_any_order():
    titles, _ = _all_variants()
    forward = function_families(titles)
    backward = function_families(titles[::-1])
    assert forward.labels == backward.labels[::-1]
    assert forward.labels == function_families(titles).labels


def test_no_titles_at_all():
    result = function_families([None, None])
    assert result.labels == (UNKNOWN_FAMILY, UNKNOWN_FAMILY)
    assert result.vectors.shape[0] == 2


def test_a_typo_joins_the_more_common_spelling():
    result = function_families(["huisarts", "Huisarts", "huisars", "Fysiotherpaeut", "Fysio"])
    assert result.labels == ("General practitioner",) * 3 + ("Physiotherapist",) * 2


def test_titles_several_edits_apart_stay_apart():
    titles = ["verpleegkundige", "Verpleegkundige", "wijkverpleegkundige", "Wijkverpleegkundige"]
    labels = function_families(titles).labels
    assert labels == ("Nurse",) * 2 + ("District nurse",) * 2


@pytest.mark.parametrize(
    "spec",
    [
        SampleSpec(n=150, seed=1, lang="nl", style="hand"),
        SampleSpec(n=150, seed=2, lang="en", style="msforms"),
        pytest.param(SampleSpec(n=2000, seed=3, lang="nl", style="gforms"), marks=pytest.mark.slow),
    ],
    ids=lambda spec: f"n{spec.n}-{spec.lang}-{spec.style}",
)
def test_families_recover_the_samples_true_families(spec, tmp_path):
    table, truth = sample_table(spec, tmp_path)
    labels = function_families(list(table["function"])).labels
    assert adjusted_rand_score(truth["family"], labels) >= 0.9


def test_rare_titles_beyond_the_clustered_ones_join_their_nearest_family(monkeypatch):
    # Titles no occupation knows are clustered on their words; past the clustered ones, a rare
    # title joins its nearest common title's cluster or stays alone.
    monkeypatch.setattr(functions, "_MAX_CLUSTERED_TITLES", 2)
    titles = ["kwibbel zorp"] * 3 + ["flarg vlomp"] * 2 + ["kwibbel zorpen", "qwerty"]
    labels = function_families(titles).labels
    assert labels == ("kwibbel zorp",) * 3 + ("flarg vlomp",) * 2 + (
        "kwibbel zorp",
        "qwerty",
    )
