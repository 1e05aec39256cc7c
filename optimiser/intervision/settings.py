"""Settings of an intervision run: group sizes, rule levels and weights, travel mode.

Defaults come from the rule registry; ``optimiser/data/default_settings.toml`` documents them
(a test keeps the two equal). A run's settings round-trip through TOML so that a workbook's
Settings sheet can reproduce the run.
"""

from __future__ import annotations

import json
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType

from optimiser.intervision.rules import RULE_KEYS, RULES, rule
from optimiser.problem import Level

DEFAULT_SETTINGS_PATH = Path(__file__).resolve().parent.parent / "data" / "default_settings.toml"
TRAVEL_MODES = ("central", "rotating")
# "off": groups meet in person; "on_request": a group may meet online when every member said
# they can join online (the intake's online column); "everyone": unless a member said no.
ONLINE_MODES = ("off", "on_request", "everyone")
LANGUAGES = ("en", "nl")
# The valid range of every whole-number setting, checked in one place (:func:`_validation_problems`)
# for the settings file, the CLI flags and the web API alike (issue 11 point 7: 1e20 as a spread
# crashed the job with OverflowError). Spreads cannot usefully exceed their scale (levels 0..3,
# experience 0..2, hours in a month); a dense pair matrix of 10,000 people is 800 MB.
SETTING_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "min_size": (1, 100),
        "max_size": (1, 100),
        "max_venues": (1, 1000),
        "min_town_population": (0, 10_000_000),
        "level_max_spread": (0, 3),
        "experience_max_spread": (0, 2),
        "time_budget_max_spread_h": (0, 744),
        "dense_max_n": (1, 10_000),
        "neighbours_k": (1, 1000),
        "default_travel_limit_km": (0, 1000),
        "online_cost_km": (0, 1000),
    }
)
# What an invitation template may name; the workbook fills them in per group.
INVITATION_FIELDS = ("group", "names", "count", "moment", "place", "where")
# The default invitations are written once, in the documented settings file a coordinator copies.
_DEFAULT_TEXTS = tomllib.loads(DEFAULT_SETTINGS_PATH.read_text("utf-8"))
DEFAULT_INVITATION_EN: str = _DEFAULT_TEXTS["invitation_en"]
DEFAULT_INVITATION_NL: str = _DEFAULT_TEXTS["invitation_nl"]
_TEXT_FIELDS = ("travel_mode", "online_meetings", "language", "invitation_en", "invitation_nl")


@dataclass(frozen=True)
class RuleSetting:
    """How one rule counts in this run: its level and its (integer) weight."""

    level: Level
    weight: int


def default_rule_settings() -> Mapping[str, RuleSetting]:
    """Every registry rule at its default level and weight."""
    return MappingProxyType({r.key: RuleSetting(r.default_level, r.default_weight) for r in RULES})


@dataclass(frozen=True)
class IntervisionSettings:
    """Every knob of the intervision scoring layer; validated on construction.

    ``rules`` may be partial when constructed: missing keys get their registry defaults, so
    every registry key is always present afterwards.
    """

    min_size: int = 5
    max_size: int = 8
    rules: Mapping[str, RuleSetting] = field(default_factory=default_rule_settings, hash=False)
    travel_mode: str = "central"  # "central" | "rotating"
    max_venues: int = 40
    # Meeting places are towns of at least this many inhabitants near the members (a group
    # cannot meet in a hamlet); 0 lets any member's own place be one. A venues file replaces both.
    min_town_population: int = 15_000
    # Whether a group may meet online (ONLINE_MODES); people whose intake says "online only"
    # are then placed in an online group. An online meeting costs as much as this many road km
    # per member, so a group meets online only when meeting in person means more travel;
    # 120 km (twice the default travel limit) as measured in default_settings.toml.
    online_meetings: str = "off"
    online_cost_km: int = 120
    language: str = "en"
    level_max_spread: int = 1  # levels 0..3; 1 keeps groups horizontal
    experience_max_spread: int = 1  # experience 0..2
    time_budget_max_spread_h: int = 2  # hours per month
    # Road km allowed for people who gave no travel limit ("maakt niet uit", no answer);
    # 0 leaves them unlimited. Used wherever a travel limit is (meeting places, explanations).
    default_travel_limit_km: int = 60
    dense_max_n: int = 3000  # above this, pair scores are sparse nearest-neighbour matrices
    neighbours_k: int = 50  # neighbours per person in the sparse pair scores
    # Invitation text per group on the workbook's contact sheet, in the run's language
    # ("" leaves it out); see INVITATION_FIELDS for what it may name.
    invitation_en: str = DEFAULT_INVITATION_EN
    invitation_nl: str = DEFAULT_INVITATION_NL

    def __post_init__(self) -> None:
        merged = dict(default_rule_settings())
        for key, setting in self.rules.items():
            if key not in merged:
                raise ValueError(f"unknown rule {key!r}; valid rules: {', '.join(RULE_KEYS)}")
            merged[key] = _coerce_rule_setting(key, setting)
        object.__setattr__(self, "rules", MappingProxyType(merged))
        problems = list(_validation_problems(self))
        if problems:
            raise InvalidSettings(problems)

    def __reduce__(self):
        """Pickle through the constructor (a read-only mapping cannot be pickled), so that
        settings reach worker processes (batch runs, the web app's solve jobs)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return (_from_fields, (values | {"rules": dict(self.rules)},))

    def with_overrides(self, **changes: object) -> IntervisionSettings:
        """A copy with ``changes`` applied; ``rules`` given here is merged, not replaced."""
        if "rules" in changes:
            rules = dict(self.rules)
            for key, setting in changes["rules"].items():  # type: ignore[attr-defined]
                if isinstance(setting, Mapping) and key in rules:
                    current = rules[key]
                    setting = {"level": current.level, "weight": current.weight, **setting}
                rules[key] = setting
            changes["rules"] = rules
        unknown = sorted(set(changes) - _FIELD_NAMES)
        if unknown:
            raise ValueError(
                f"unknown setting(s) {', '.join(unknown)}; valid: {', '.join(sorted(_FIELD_NAMES))}"
            )
        return replace(self, **changes)  # type: ignore[arg-type]

    def level(self, key: str) -> Level:
        """The level of rule ``key`` (sub-keys like ``learn_give_mix:give`` use their family)."""
        return self.rules[rule(key).key].level

    def weight(self, key: str) -> int:
        """The weight of rule ``key`` (sub-keys use their family)."""
        return self.rules[rule(key).key].weight


def _from_fields(values: dict[str, object]) -> IntervisionSettings:
    return IntervisionSettings(**values)  # type: ignore[arg-type]


_FIELD_NAMES = frozenset(f.name for f in fields(IntervisionSettings))
_SCALAR_FIELDS = tuple(f.name for f in fields(IntervisionSettings) if f.name != "rules")


def _coerce_rule_setting(key: str, setting: object) -> RuleSetting:
    """Accept a RuleSetting or a ``{"level": ..., "weight": ...}`` mapping (partial is fine)."""
    if isinstance(setting, RuleSetting):
        return RuleSetting(Level(setting.level), setting.weight)
    if not isinstance(setting, Mapping):
        raise ValueError(f"rule {key!r}: expected a table with level and weight")
    unknown = sorted(set(setting) - {"level", "weight"})
    if unknown:
        raise ValueError(f"rule {key!r}: unknown key(s) {', '.join(unknown)}; valid: level, weight")
    default = rule(key)
    level = setting.get("level", default.default_level)
    try:
        level = Level(level)
    except ValueError:
        raise ValueError(f"rule {key!r}: level {level!r} is not one of hard, soft, off") from None
    return RuleSetting(level, setting.get("weight", default.default_weight))  # type: ignore[arg-type]


# What each whole-number setting is called in a Dutch refusal (the English names the key, as
# written in the settings file).
_SETTING_NAMES_NL: Mapping[str, str] = MappingProxyType(
    {
        "min_size": "de kleinste groepsgrootte",
        "max_size": "de grootste groepsgrootte",
        "max_venues": "het aantal mogelijke vergaderplekken",
        "min_town_population": "het aantal inwoners van een vergaderplaats",
        "level_max_spread": "de toegestane spreiding in niveau",
        "experience_max_spread": "de toegestane spreiding in ervaring",
        "time_budget_max_spread_h": "de toegestane spreiding in uren per maand",
        "dense_max_n": "de grens voor volledige paarscores",
        "neighbours_k": "het aantal buren per persoon",
        "default_travel_limit_km": "de reislimiet voor wie geen limiet gaf",
        "online_cost_km": "wat online samenkomen telt (km)",
    }
)


class InvalidSettings(ValueError):
    """Settings that cannot be used, with what is wrong in English (``str``) and in Dutch."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("Invalid intervision settings: " + "; ".join(en for en, _ in problems))
        self.problems = problems

    def message(self, lang: str = "en") -> str:
        """What is wrong, in ``lang``."""
        if lang != "nl":
            return str(self)
        return "Deze instellingen zijn niet bruikbaar: " + "; ".join(nl for _, nl in self.problems)


def _validation_problems(s: IntervisionSettings):
    """Yield what is wrong with ``s`` in words a coordinator can act on, in English and Dutch."""
    if not 1 <= s.min_size <= s.max_size:
        yield (
            f"group size {s.min_size}..{s.max_size} is empty",
            f"groepsgrootte {s.min_size} tot {s.max_size} kan niet (de kleinste is groter)",
        )
    for name, value, allowed in (
        ("travel_mode", s.travel_mode, TRAVEL_MODES),
        ("online_meetings", s.online_meetings, ONLINE_MODES),
        ("language", s.language, LANGUAGES),
    ):
        if value not in allowed:
            yield (
                f"{name} {value!r} is not one of {', '.join(allowed)}",
                f"{name} {value!r} is niet een van {', '.join(allowed)}",
            )
    for name, (low, high) in SETTING_RANGES.items():
        value = getattr(s, name)
        if not isinstance(value, int) or isinstance(value, bool):
            yield (
                f"{name} must be a whole number, not {value!r}",
                f"{_SETTING_NAMES_NL[name]} moet een geheel getal zijn, niet {value!r}",
            )
        elif not low <= value <= high:
            yield (
                f"{name} must be between {low} and {high}, not {value}",
                f"{_SETTING_NAMES_NL[name]} moet tussen {low} en {high} liggen, niet {value}",
            )
    for name in ("invitation_en", "invitation_nl"):
        yield from _template_problems(name, getattr(s, name))
    for key, setting in s.rules.items():
        r = rule(key)
        if setting.level not in r.levels:
            allowed = ", ".join(sorted(level.value for level in r.levels))
            allowed_nl = ", ".join(sorted(_LEVELS_NL[level.value] for level in r.levels))
            yield (
                f"rule {key!r} cannot be {setting.level.value} (allowed: {allowed})",
                f"regel '{r.name_nl}' kan niet {_LEVELS_NL[setting.level.value]} zijn "
                f"(wel: {allowed_nl})",
            )
        if not isinstance(setting.weight, int) or isinstance(setting.weight, bool):
            yield (
                f"rule {key!r}: weight must be a whole number, not {setting.weight!r}",
                f"regel '{r.name_nl}': het gewicht moet een geheel getal zijn, "
                f"niet {setting.weight!r}",
            )
        elif not 0 <= setting.weight <= r.max_weight:
            yield (
                f"rule {key!r}: weight must be between 0 and {r.max_weight}, not {setting.weight}",
                f"regel '{r.name_nl}': het gewicht moet tussen 0 en {r.max_weight} liggen, "
                f"niet {setting.weight}",
            )


_LEVELS_NL = MappingProxyType({"hard": "hard", "soft": "zacht", "off": "uit"})


def _template_problems(name: str, text: object):
    """What is wrong with an invitation template (English, Dutch): not text, or a {field}
    nobody fills in."""
    nl_name = f"de uitnodigingstekst ({'Nederlands' if name.endswith('_nl') else 'Engels'})"
    if not isinstance(text, str):
        yield f"{name} must be text, not {text!r}", f"{nl_name} moet tekst zijn, niet {text!r}"
        return
    try:
        fields_named = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as error:
        yield (
            f"{name}: {error} (write {{{{ and }}}} for a literal brace)",
            f"{nl_name}: een {{ of }} zonder partner (schrijf {{{{ en }}}} voor een accolade)",
        )
        return
    unknown = sorted(fields_named - set(INVITATION_FIELDS))
    if unknown:
        named = ", ".join("{" + f + "}" for f in unknown)
        usable = ", ".join("{" + f + "}" for f in INVITATION_FIELDS)
        yield (
            f"{name}: unknown field(s) {named}; use {usable}",
            f"{nl_name}: onbekend(e) veld(en) {named}; gebruik {usable}",
        )


def _valid_keys_message() -> str:
    rule_keys = ", ".join(f"rules.{k}.level, rules.{k}.weight" for k in RULE_KEYS)
    return f"valid keys: {', '.join(_SCALAR_FIELDS)}, {rule_keys}"


def _apply(target: dict[str, object], data: Mapping[str, object], origin: str) -> None:
    """Merge TOML-shaped ``data`` (nested or dotted keys) into ``target``, rejecting unknowns."""
    for raw_key, value in data.items():
        key, _, rest = raw_key.partition(".")
        if key == "rules":
            rules = target.setdefault("rules", {})
            if rest:
                value = _nest(rest, value)
            if not isinstance(value, Mapping):
                raise ValueError(f"{origin}: 'rules' must be a table; {_valid_keys_message()}")
            for rule_key, rule_value in value.items():
                family, _, attr = rule_key.partition(".")
                if family not in RULE_KEYS:
                    raise ValueError(f"{origin}: unknown rule {family!r}; {_valid_keys_message()}")
                rule_value = _nest(attr, rule_value) if attr else rule_value
                if not isinstance(rule_value, Mapping):
                    raise ValueError(f"{origin}: rules.{family} must be a table with level, weight")
                rules.setdefault(family, {}).update(rule_value)  # type: ignore[union-attr]
        elif key in _SCALAR_FIELDS and not rest:
            target[key] = value
        else:
            raise ValueError(f"{origin}: unknown setting {raw_key!r}; {_valid_keys_message()}")


def _nest(dotted: str, value: object) -> dict[str, object]:
    """``"a.b", 1`` -> ``{"a": {"b": 1}}``."""
    head, _, rest = dotted.partition(".")
    return {head: _nest(rest, value) if rest else value}


def load_settings(
    path: Path | None = None, overrides: Mapping[str, object] | None = None
) -> IntervisionSettings:
    """Defaults, then the TOML file at ``path``, then ``overrides`` (dotted keys allowed, e.g.
    ``{"rules.same_team.level": "soft", "max_size": 7}``). Unknown keys raise ValueError
    listing the valid keys."""
    merged: dict[str, object] = {}
    _apply(merged, tomllib.loads(DEFAULT_SETTINGS_PATH.read_text("utf-8")), "default settings")
    if path is not None:
        _apply(merged, tomllib.loads(Path(path).read_text("utf-8")), str(path))
    if overrides:
        _apply(merged, overrides, "overrides")
    rules = merged.pop("rules", {})
    return IntervisionSettings(rules=rules, **merged)  # type: ignore[arg-type]


def settings_to_toml(settings: IntervisionSettings) -> str:
    """The settings as TOML that :func:`load_settings` reads back to equal settings."""
    lines = []
    for name in _SCALAR_FIELDS:
        value = getattr(settings, name)
        # JSON string escapes are valid TOML basic-string escapes (newlines in templates).
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else value
        lines.append(f"{name} = {text}")
    for key, setting in settings.rules.items():
        lines += ["", f"[rules.{key}]", f'level = "{setting.level.value}"']
        lines.append(f"weight = {setting.weight}")
    return "\n".join(lines) + "\n"
