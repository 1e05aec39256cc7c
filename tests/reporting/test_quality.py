"""Verdicts in words, function purity and the total explained, on hand-made groups."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from optimiser.intervision.lineup import GroupReport, LineupReport
from optimiser.result import RuleScore
from reporting.labels import RuleNames
from reporting.quality import (
    Purity,
    judge,
    lineup_purity,
    merged_rule_totals,
    purity_of,
    readable,
    total_explained,
)


def table(families: list[str | None]) -> pd.DataFrame:
    pids = [f"R{i:04d}" for i in range(2, 2 + len(families))]
    return pd.DataFrame({"function_family": families, "name": pids}, index=pids)


def group(pids, rules=(), broken=(), number=1, travel=None) -> GroupReport:
    return GroupReport(number, tuple(pids), "morning", None, travel or {}, 10, tuple(rules), broken)


def test_purity_counts_pairs_that_share_a_family():
    assert purity_of(["a", "a", "a", "b"]) == Purity(same=3, pairs=6)
    assert purity_of(["a", None, "a", ""]) == Purity(same=1, pairs=1)  # unknown left out
    assert purity_of(["a"]).share is None  # no pair to judge


@given(st.lists(st.sampled_from(["a", "b", "c", None]), max_size=12))
def test_purity_is_a_share_and_one_family_is_pure(families):
    purity = purity_of(families)
    assert 0 <= purity.same <= purity.pairs
    known = [f for f in families if f]
    if len(known) >= 2 and len(set(known)) == 1:
        assert purity.share == 1.0


def test_overall_purity_pools_the_pairs_of_all_groups():
    people = table(["a", "a", "a", "a", "b", "c"])
    report = LineupReport(
        (group(people.index[:4]), group(people.index[4:], number=2)), (), 0, {}, 0
    )
    assert lineup_purity(people, report) == Purity(same=6, pairs=7)


def test_a_broken_hard_rule_needs_attention_and_says_why():
    people = table(["a", "a", "a"])
    sentence = "Anna (R0002) and their manager Piet (R0003) are in the same group"
    broken = (("reporting_line", sentence),)
    quality = judge(people, group(people.index, broken=broken), "en")
    assert quality.verdict == "attention"
    assert quality.reasons == ("Anna (row 2) and their manager Piet (row 3) are in the same group",)


def test_a_soft_rule_not_met_is_acceptable():
    people = table(["a", "a", "a"])
    rules = [RuleScore("learn_give_mix:give", "Learners", -30, 1, detail="nobody comes to give")]
    quality = judge(people, group(people.index, rules), "en")
    assert quality.verdict == "acceptable" and quality.reasons == ("nobody comes to give",)


def test_mixed_functions_are_acceptable_only_while_the_function_rule_counts():
    people = table(["a", "b", "c", "d"])
    counting = [RuleScore("function", "Similar function", 10)]
    assert judge(people, group(people.index, counting), "en").verdict == "acceptable"
    assert judge(people, group(people.index), "en").verdict == "good"


def test_a_good_group_says_what_makes_it_good():
    people = table(["a", "a", "b"])
    quality = judge(people, group(people.index, travel={"R0002": 12.4}), "nl")
    assert quality.verdict == "good"
    assert quality.reasons == (
        "alle regels kloppen",
        "1 van 3 paren delen een functiefamilie (33 %)",
        "langste reis 12 km",
    )


def test_the_total_is_the_groups_score_plus_the_penalties():
    groups = (group(["R0002"]), group(["R0003"], number=2))
    report = LineupReport(
        groups,
        (("R0004", "x"), ("R0005", "y")),
        -1980,
        {
            "function": 20,
            "unplaced_penalty": -2000,
        },
        0,
    )
    assert total_explained(report, RuleNames("en"), "en") == (
        "Total -1980: the groups of the placed people score 20, -2000 for 2 people not placed"
    )
    alone = LineupReport(groups, (), 20, {"function": 20}, 0)
    assert total_explained(alone, RuleNames("nl"), "nl") == (
        "Totaal 20: de groepen van de ingedeelde mensen scoren 20"
    )


def test_sub_rules_are_one_line_in_the_score_table():
    names = RuleNames("nl")
    totals = merged_rule_totals(
        {"learn_give_mix:learn": -30, "learn_give_mix:give": -60, "travel": -5}, names
    )
    assert totals == [
        ("learn_give_mix", "Halers en brengers", -90),
        ("travel", names["travel"], -5),
    ]


def test_ids_in_sentences_become_rows():
    assert readable("van 0 (Dirk (R0101)) tot 2", "nl") == "van 0 (Dirk (rij 101)) tot 2"


def test_people_whose_function_is_unknown_are_not_counted_as_peers():
    from intake.analysis.functions import UNKNOWN_FAMILY

    assert purity_of([UNKNOWN_FAMILY, UNKNOWN_FAMILY, "a", "a"]) == Purity(same=1, pairs=1)
