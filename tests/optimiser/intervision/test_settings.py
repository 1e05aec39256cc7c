import pickle
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from optimiser.intervision.rules import RULE_KEYS, rule
from optimiser.intervision.settings import (
    DEFAULT_SETTINGS_PATH,
    SETTING_RANGES,
    IntervisionSettings,
    InvalidSettings,
    RuleSetting,
    load_settings,
    settings_to_toml,
)
from optimiser.problem import Level


def test_documented_defaults_equal_the_registry_defaults():
    assert load_settings() == IntervisionSettings()
    for key, setting in IntervisionSettings().rules.items():
        assert setting == RuleSetting(rule(key).default_level, rule(key).default_weight)


def test_every_rule_key_is_present_even_when_few_are_given():
    settings = IntervisionSettings(rules={"function": RuleSetting(Level.OFF, 0)})
    assert tuple(settings.rules) == RULE_KEYS
    assert settings.level("function") == Level.OFF


def test_settings_survive_pickling_for_worker_processes():
    settings = IntervisionSettings(
        min_size=4, travel_mode="rotating", rules={"function": {"weight": 3}}
    )
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings
    assert dict(copy.rules) == dict(settings.rules)
    with pytest.raises(TypeError):
        copy.rules["function"] = RuleSetting(Level.OFF, 0)  # still read-only


def test_toml_round_trip(tmp_path):
    settings = IntervisionSettings(
        min_size=4,
        max_size=7,
        travel_mode="rotating",
        language="nl",
        rules={"same_team": RuleSetting(Level.SOFT, 1234), "style_mix": RuleSetting(Level.OFF, 0)},
    )
    path = tmp_path / "settings.toml"
    path.write_text(settings_to_toml(settings), encoding="utf-8")
    assert load_settings(path) == settings


def test_unknown_key_names_the_valid_keys(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("max_groupsize = 9\n", encoding="utf-8")
    with pytest.raises(ValueError, match="max_groupsize") as error:
        load_settings(path)
    assert "max_size" in str(error.value) and "rules.same_team.level" in str(error.value)


def test_unknown_rule_and_rule_attribute_are_rejected():
    with pytest.raises(ValueError, match="unknown rule 'same_tem'"):
        load_settings(overrides={"rules.same_tem.level": "soft"})
    with pytest.raises(ValueError, match="unknown key"):
        load_settings(overrides={"rules": {"same_team": {"levle": "soft"}}})


def test_a_level_the_rule_does_not_support_is_rejected():
    with pytest.raises(ValueError, match="'function' cannot be hard"):
        load_settings(overrides={"rules.function.level": "hard"})
    with pytest.raises(ValueError, match="not one of hard, soft, off"):
        load_settings(overrides={"rules.function.level": "sometimes"})


def test_overrides_apply_on_top_of_the_file(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('max_size = 7\n[rules.avoid]\nlevel = "soft"\n', encoding="utf-8")
    settings = load_settings(path, {"rules.avoid.weight": 77, "min_size": 4})
    assert (settings.min_size, settings.max_size) == (4, 7)
    assert settings.rules["avoid"] == RuleSetting(Level.SOFT, 77)


def test_with_overrides_merges_partial_rule_changes():
    base = IntervisionSettings(rules={"travel": RuleSetting(Level.SOFT, 9)})
    changed = base.with_overrides(max_size=6, rules={"travel": {"level": "off"}})
    assert changed.rules["travel"] == RuleSetting(Level.OFF, 9)
    assert changed.max_size == 6 and base.max_size == 8
    with pytest.raises(ValueError, match="unknown setting"):
        base.with_overrides(colour="red")


def test_invalid_values_are_reported_together():
    with pytest.raises(ValueError) as error:
        IntervisionSettings(min_size=9, max_size=8, travel_mode="teleport")
    assert "9..8" in str(error.value) and "teleport" in str(error.value)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"level_max_spread": 10**20}, "level_max_spread must be between 0 and 3"),
        ({"experience_max_spread": 3}, "experience_max_spread must be between 0 and 2"),
        ({"neighbours_k": 0}, "neighbours_k must be between 1 and 1000"),
        ({"max_venues": 0}, "max_venues must be between 1 and 1000"),
        ({"rules": {"travel": {"weight": 4 * 10**15}}}, "weight must be between 0 and 100000"),
        ({"rules": {"same_team": {"weight": -1}}}, "weight must be between 0 and 100000"),
    ],
)
def test_every_setting_is_checked_against_its_range(changes, words):
    with pytest.raises(ValueError, match=words):
        IntervisionSettings().with_overrides(**changes)


def test_every_whole_number_setting_has_a_range():
    numbers = {
        f.name
        for f in fields(IntervisionSettings)
        if isinstance(getattr(IntervisionSettings(), f.name), int)
    }
    assert numbers == set(SETTING_RANGES)


def test_the_default_invitations_are_written_once_in_the_settings_file():
    documented = tomllib.loads(DEFAULT_SETTINGS_PATH.read_text("utf-8"))
    defaults = IntervisionSettings()
    assert defaults.invitation_en == documented["invitation_en"]
    assert defaults.invitation_nl == documented["invitation_nl"]
    sentences = ("Together you form intervision group", "Jullie vormen samen intervisiegroep")
    root = Path(__file__).resolve().parents[3]
    for path in (*root.glob("*.py"), *root.glob("[!.]*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not any(s in text for s in sentences), f"{path} repeats the default invitation"


def test_invalid_settings_are_said_in_dutch_too():
    with pytest.raises(InvalidSettings) as refused:
        IntervisionSettings(min_size=7, max_size=5, rules={"travel": RuleSetting(Level.SOFT, -1)})
    dutch = refused.value.message("nl")
    assert "groepsgrootte 7 tot 5" in dutch and "regel 'Korte reistijd'" in dutch
    assert "group size 7..5 is empty" in str(refused.value)
