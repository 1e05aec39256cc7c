from optimiser.intervision.rules import RULE_KEYS, RULES, rule, rule_table_markdown


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
