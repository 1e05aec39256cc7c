"""Plan settings: the documented TOML equals the defaults; bad values are refused by name."""

from __future__ import annotations

import tomllib

import pytest

from planning.settings import DEFAULT_PLAN_PATH, PlanSettings, load_plan_settings


def test_default_file_equals_the_defaults() -> None:
    assert load_plan_settings(DEFAULT_PLAN_PATH) == PlanSettings()
    with DEFAULT_PLAN_PATH.open("rb") as handle:
        documented = tomllib.load(handle)
    defaults = PlanSettings()
    for key, wish in defaults.wishes.items():
        assert documented["rules"][key]["level"] == wish.level
        assert documented["rules"][key]["weight"] == wish.weight


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weeks_min": 9, "weeks_max": 6}, "weeks"),
        ({"meetings": 0}, "meetings"),
        ({"weekdays": ()}, "weekdays"),
        ({"discipline_preference": "maybe"}, "preference"),
    ],
)
def test_bad_values_are_refused(changes, message) -> None:
    with pytest.raises(ValueError, match=message):
        PlanSettings(**changes)


def test_a_toml_file_overrides(tmp_path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(
        'meetings = 7\n[start_times]\nmorning = "08:30"\n'
        '[rules.discipline]\npreference = "different"\n[rules.travel]\nlevel = "off"\n'
    )
    s = load_plan_settings(path, weeks_min=5)
    assert s.meetings == 7 and s.weeks_min == 5 and s.start_times["morning"].hour == 8
    assert s.discipline_preference == "different" and s.weight("travel") == 0
    path.write_text('[rules.travel]\nlevel = "hard"\n')
    with pytest.raises(ValueError, match=r"rules\.travel\.level must be soft or off"):
        load_plan_settings(path)
