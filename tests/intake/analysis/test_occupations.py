"""Titles as intake forms write them reach their occupation (ESCO or the curated table)."""

from __future__ import annotations

import pytest

from intake.analysis.occupations import match_key, occupation_index


def _code(title: str) -> str | None:
    found = occupation_index().match(match_key(title))
    return found.occupation.code if found else None


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Fysiotherapeut", "nl:fysiotherapeut"),
        ("Physiotherapist", "nl:fysiotherapeut"),
        ("fysiotherapeute", "nl:fysiotherapeut"),  # feminine form
        ("Logopediste", "nl:logopedist"),
        ("maatschappelijk werkster", "nl:maatschappelijk_werker"),
        ("Social worker", "nl:maatschappelijk_werker"),
        ("Advocaat", "nl:advocaat"),
        ("Attorney", "nl:advocaat"),
        ("care worker", "nl:verzorgende"),
        ("Helpende Zorg & Welzijn", "nl:verzorgende"),
        ("Police officer", "nl:politieagent"),
        ("Juf groep 3", "nl:leerkracht_basisonderwijs"),
        ("Meester groep 8", "nl:leerkracht_basisonderwijs"),
        ("wijk-verpleegkundige", "nl:wijkverpleegkundige"),
        ("wijk verpleegkundige", "nl:wijkverpleegkundige"),
        ("POH-GGZ", "nl:poh_ggz"),
        ("IB'er", "nl:intern_begeleider"),
        ("AIOS", "nl:arts_in_opleiding"),
        ("GZ", "nl:psycholoog"),
        ("archivaris", "2621.1"),  # straight from ESCO
        ("verpleegkundige interne geneeskunde", "nl:verpleegkundige"),  # a part of the title
        ("kinderergotherapeut", "nl:ergotherapeut"),  # a compound's tail
        ("Fysiotherapaut", "nl:fysiotherapeut"),  # a typo
    ],
)
def test_titles_reach_their_occupation(title, code):
    assert _code(title) == code


@pytest.mark.parametrize("title", ["Officer", "Adviseur", "Medewerker", "senior adviseur"])
def test_generic_words_alone_name_no_occupation(title):
    assert _code(title) is None
    assert occupation_index().is_generic(title)


@pytest.mark.parametrize(
    ("title", "manager"),
    [
        ("Teamleider wijkverpleging", True),
        ("Manager zorg", True),
        ("Head of nursing", True),
        ("Locatiemanager", True),
        ("Directeur onderwijs", True),
        ("Casemanager dementie", False),
        ("Klantmanager Wmo", False),
        ("Projectmanager", False),
        ("Hoofdbehandelaar", False),
        ("Wijkverpleegkundige", False),
    ],
)
def test_a_managers_title_is_in_the_manager_family(title, manager):
    found = occupation_index().match(match_key(title))
    assert found is not None
    assert found.is_manager is manager


def test_feminine_and_plain_forms_share_a_key():
    assert match_key("Logopediste") == match_key("logopedist")
    assert match_key("Maatschappelijk werkster") == "maatschappelijk werker"
    assert match_key("Coördinatrice") == "coordinator"
    assert match_key("meester") == "meester"  # not a feminine form


def test_held_out_alternative_labels_leave_the_index():
    from intake.analysis.occupations import build_index

    curated = {
        "generic": {"words": ["medewerker"]},
        "manager": {"words": ["manager"], "phrases": [], "not_managers": []},
        "occupation": [
            {
                "key": "nl:leidinggevende",
                "isco": "1",
                "family": "manager",
                "nl": "Leidinggevende",
                "en": "Manager",
                "labels": [],
            },
        ],
    }
    rows = [
        {
            "code": "2264.2",
            "isco": "2264",
            "nl": "fysiotherapeut",
            "en": "physiotherapist",
            "nl_labels": "kinesitherapeut|medewerker",
            "en_labels": "physio",
        }
    ]
    full = build_index(rows, curated)
    held = build_index(rows, curated, hold_out=frozenset({"2264.2"}))
    assert full.labels["kinesitherapeut"] == "2264.2"
    assert "medewerker" not in full.labels  # a generic alt label says nothing
    assert "kinesitherapeut" not in held.labels
    assert held.labels["fysiotherapeut"] == "2264.2"  # preferred labels stay
