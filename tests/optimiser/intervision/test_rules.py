from optimiser.intervision.rules import RULE_KEYS, RULES, rule, rule_table_markdown
from optimiser.problem import Level, PairTerm


def test_rule_keys_are_unique_and_defaults_are_allowed_levels():
    assert len(set(RULE_KEYS)) == len(RULES)
    for r in RULES:
        assert r.default_level in r.levels, r.key
        assert isinstance(r.default_weight, int) and r.default_weight >= 0


def test_sub_keys_name_their_family():
    assert rule("learn_give_mix:give") is rule("learn_give_mix")


def test_unknown_rule_lists_the_valid_ones():
    try:
        rule("nope")
    except KeyError as error:
        assert "same_team" in str(error)
    else:
        raise AssertionError("expected KeyError")


def test_rule_table_has_one_row_per_rule_in_both_languages():
    for lang in ("en", "nl"):
        table = rule_table_markdown(lang)
        body = table.strip().splitlines()[2:]
        assert len(body) == len(RULES)
        for r, line in zip(RULES, body, strict=True):
            assert f"`{r.key}`" in line and r.name(lang) in line
    assert "Collega's uit hetzelfde team" in rule_table_markdown("nl")


def test_every_rule_that_can_be_hard_can_say_what_a_group_breaks():
    for r in RULES:
        if Level.HARD in r.levels:
            assert r.family is not None and (r.sentence or r.broken), r.key


def test_every_part_of_a_problem_is_made_by_the_entry_of_its_key_and_family():
    from optimiser.intervision.build import build_problem
    from optimiser.intervision.settings import IntervisionSettings

    from .test_group_rules import six_people

    everything_on = {r.key: {"level": sorted(r.levels, key=list(Level).index)[0]} for r in RULES}
    for mode in ("central", "rotating"):
        settings = IntervisionSettings(travel_mode=mode).with_overrides(rules=everything_on)
        problem = build_problem(six_people(), settings).problem
        parts = (*problem.forbidden, *problem.pair_terms, *problem.group_rules)
        for part in parts:
            entry = rule(part.key)
            assert entry.build is not None or entry.pairs is not None or part.key == "travel"
            # the one exception: in rotating mode the meeting place makes travel a pair term
            expected = PairTerm if (mode, part.key) == ("rotating", "travel") else entry.family
            assert type(part) is expected, part.key
