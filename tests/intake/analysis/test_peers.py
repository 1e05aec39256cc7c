"""Graded similarity: same occupation > same family > same ISCO unit > minor group > unrelated,
managers apart from their staff, and sentences that say why."""

from __future__ import annotations

import numpy as np
import pytest

from intake.analysis.functions import function_families
from intake.analysis.peers import WEIGHTS, Person, peer_sentence


def _similarity(*titles: str, **kwargs) -> np.ndarray:
    vectors = function_families(list(titles), **kwargs).vectors
    return (vectors @ vectors.T).toarray()


def test_the_weights_sum_to_one():
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_similarity_follows_the_occupation_hierarchy():
    s = _similarity(
        "Fysiotherapeut",  # 0
        "Physiotherapist",  # 1: same occupation, other language
        "Sportfysiotherapeut",  # 2: ESCO's specialised physiotherapist, same family
        "Ergotherapeut",  # 3: ISCO 2269, same minor group 226
        "Wijkverpleegkundige",  # 4: ISCO 2221, same sub-major group 22
        "Advocaat",  # 5: ISCO 2611, same major group 2
        "Verzorgende IG",  # 6: ISCO 5321, another major group
    )
    assert s[0, 1] > s[0, 2] > s[0, 3] > s[0, 4] > s[0, 5] > s[0, 6]
    assert s[0, 1] > 0.8
    assert s[0, 6] < 0.05


def test_same_isco_unit_other_family_is_related_but_no_peer():
    s = _similarity("Wijkverpleegkundige", "Verpleegkundige", "Huisarts")
    assert 0.3 < s[0, 1] < 0.6
    assert s[0, 2] < s[0, 1]


def test_managers_are_peers_of_managers_never_of_their_staff():
    s = _similarity("Teamleider wijkverpleging", "Manager zorg", "Wijkverpleegkundige")
    assert s[0, 1] > 0.8
    assert s[0, 2] == pytest.approx(0.0)
    assert s[1, 2] == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("care worker", "verzorgende"),
        ("physiotherapist", "fysiotherapeut"),
        ("social worker", "maatschappelijk werker"),
        ("lawyer", "advocaat"),
    ],
)
def test_cross_language_pairs_share_a_family(first, second):
    labels = function_families([first, second]).labels
    assert labels[0] == labels[1]


@pytest.mark.parametrize(
    "titles",
    [
        ["Police officer", "Policy officer", "Compliance officer", "Officer"],
        ["HR-adviseur", "Beleidsadviseur", "Adviseur", "Wmo-adviseur"],
        ["Medewerker jeugdteam", "Beleidsmedewerker", "Medewerker", "Zorgmedewerker"],
        ["Manager zorg", "Casemanager dementie", "Klantmanager Wmo", "Projectmanager"],
    ],
)
def test_a_shared_generic_word_pulls_no_title_into_another_family(titles):
    labels = function_families(titles).labels
    assert len(set(labels)) == len(titles), dict(zip(titles, labels, strict=True))


def test_a_split_correction_parts_one_occupation():
    # Both titles normalise to "fysiotherapeut", so a split names each side as written.
    titles = ("Fysiotherapeut", "Kinderfysiotherapeut")
    split = {"kinderfysiotherapeut": "Kinderfysio", "fysiotherapeut": "Fysiotherapeut"}
    assert _similarity(*titles)[0, 1] > 0.7  # one family, ESCO's specialised occupation
    assert _similarity(*titles, overrides=split)[0, 1] < 0.2


@pytest.mark.parametrize(
    ("language", "first", "second", "expected"),
    [
        (
            "en",
            ("Physiotherapist", "2264"),
            ("Physiotherapist", "2264"),
            "both work as Physiotherapist (ISCO 2264)",
        ),
        (
            "nl",
            ("Fysiotherapeut", "2264"),
            ("Fysiotherapeut", "2264"),
            "beiden werken als Fysiotherapeut (ISCO 2264)",
        ),
        (
            "en",
            ("General practitioner", "2211"),
            ("Practice nurse", "2221"),
            "different functions: General practitioner and Practice nurse",
        ),
        (
            "en",
            ("District nurse", "2221"),
            ("Nurse", "2221"),
            "related functions in ISCO group 2221 (Nursing professionals): "
            "District nurse and Nurse",
        ),
    ],
)
def test_peer_sentences(language, first, second, expected):
    a = Person("A", first[0], first[0], first[0], first[1], manager=False)
    b = Person("B", second[0], second[0], second[0], second[1], manager=False)
    labels = {"2221": "Nursing professionals"}
    assert peer_sentence(a, b, language, labels) == expected


def test_a_manager_and_staff_sentence_says_managers_go_with_managers():
    boss = Person("A", "Teamleider", "Manager", "Manager", "1", manager=True)
    nurse = Person("B", "Wijkverpleegkundige", "District nurse", "District nurse", "2221", False)
    assert "managers are grouped with managers" in peer_sentence(boss, nurse, "en")
