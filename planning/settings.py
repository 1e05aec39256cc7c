"""Settings of a programme plan: meetings, spacing, times, and the soft wishes' levels and weights.

Defaults are the dataclass defaults; ``planning/data/default_plan.toml`` documents them (a test
keeps the two equal). A TOML file and command-line flags override them, as for the group rules.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from types import MappingProxyType

from intake.weekdays import WEEKDAYS
from moments import MOMENTS

DEFAULT_PLAN_PATH = Path(__file__).resolve().parent / "data" / "default_plan.toml"
LEVELS = ("hard", "soft", "off")
DISCIPLINE_PREFERENCES = ("any", "same", "different")


@dataclass(frozen=True)
class Wish:
    """A soft wish: "soft" (costs its weight), "off", or for calendar wishes also "hard"."""

    level: str
    weight: int


_DEFAULT_WISHES = {
    "discipline": Wish("soft", 50),
    "travel": Wish("soft", 1),
    "even_load": Wish("soft", 20),
    "keep_previous": Wish("soft", 200),
    "blocked_periods": Wish("soft", 100),
    "spacing": Wish("soft", 10),
    "early_kickoff": Wish("soft", 5),
}
_HARD_ALLOWED = frozenset({"blocked_periods"})
_DEFAULT_TIMES = {
    "morning": time(9, 0),
    "afternoon": time(13, 0),
    "late_afternoon": time(14, 0),
    "evening": time(18, 0),
}


@dataclass(frozen=True)
class PlanSettings:
    """Every knob of the planner; validated on construction (ValueError naming the key)."""

    meetings: int = 6
    weeks_min: int = 6
    weeks_max: int = 8
    kickoff_within_weeks: int = 4
    weekdays: tuple[str, ...] = WEEKDAYS[:5]
    duration_h: float = 4.0
    speed_kmh: int = 60
    default_max_travel_km: int = 60
    default_capacity: int = 2
    time_limit_s: float = 30.0
    start_times: Mapping[str, time] = field(
        default_factory=lambda: MappingProxyType(dict(_DEFAULT_TIMES)), hash=False
    )
    discipline_preference: str = "any"
    wishes: Mapping[str, Wish] = field(
        default_factory=lambda: MappingProxyType(dict(_DEFAULT_WISHES)), hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekdays", tuple(d for d in WEEKDAYS if d in self.weekdays))
        object.__setattr__(
            self, "start_times", MappingProxyType({**_DEFAULT_TIMES, **self.start_times})
        )
        object.__setattr__(self, "wishes", MappingProxyType({**_DEFAULT_WISHES, **self.wishes}))
        problems = list(_problems(self))
        if problems:
            raise ValueError("Invalid plan settings: " + "; ".join(problems))

    def weight(self, key: str) -> int:
        """The wish's weight, 0 when it is off."""
        wish = self.wishes[key]
        return 0 if wish.level == "off" else wish.weight

    def with_overrides(self, **changes: object) -> PlanSettings:
        """A copy with ``changes`` applied (validated)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _problems(s: PlanSettings):
    if s.meetings < 1:
        yield "meetings must be at least 1"
    if not 1 <= s.weeks_min <= s.weeks_max:
        yield "weeks must be a range like 6-8 with 1 <= min <= max"
    if s.kickoff_within_weeks < 1:
        yield "kickoff_within_weeks must be at least 1"
    if not s.weekdays:
        yield f"weekdays must name at least one of {', '.join(WEEKDAYS)}"
    if not 0.5 <= s.duration_h <= 12:
        yield "duration_h must be between 0.5 and 12 hours"
    if s.speed_kmh < 1 or s.default_max_travel_km < 0 or s.default_capacity < 0:
        yield "speed_kmh, default_max_travel_km and default_capacity must be positive"
    if s.time_limit_s <= 0:
        yield "time_limit_s must be positive"
    for moment in s.start_times:
        if moment not in MOMENTS:
            yield f"start_times: unknown moment {moment!r}; moments: {', '.join(MOMENTS)}"
    if s.discipline_preference not in DISCIPLINE_PREFERENCES:
        yield "rules.discipline.preference must be any, same or different"
    for key, wish in s.wishes.items():
        if key not in _DEFAULT_WISHES:
            yield f"unknown rule {key!r}; plan rules: {', '.join(_DEFAULT_WISHES)}"
        elif wish.level not in LEVELS or (wish.level == "hard" and key not in _HARD_ALLOWED):
            allowed = "hard, soft or off" if key in _HARD_ALLOWED else "soft or off"
            yield f"rules.{key}.level must be {allowed}"
        elif not isinstance(wish.weight, int) or wish.weight < 0:
            yield f"rules.{key}.weight must be a whole number >= 0"


def _clock(text: object, key: str) -> time:
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except ValueError as error:
        raise ValueError(f"start_times.{key} must be HH:MM, not {text!r}") from error


def settings_from_mapping(data: Mapping[str, object]) -> PlanSettings:
    """Settings from a parsed TOML document (the keys of ``default_plan.toml``)."""
    known = {f.name for f in fields(PlanSettings)} - {"wishes", "discipline_preference"}
    values: dict[str, object] = {}
    for key, value in data.items():
        if key == "rules":
            continue
        if key not in known:
            raise ValueError(f"unknown plan setting {key!r}")
        values[key] = value
    if "start_times" in values:
        times = values["start_times"]
        if not isinstance(times, Mapping):
            raise ValueError('start_times must be a table of moment = "HH:MM"')
        values["start_times"] = {m: _clock(t, m) for m, t in times.items()}
    if "weekdays" in values:
        days = values["weekdays"]
        bad = [d for d in days if d not in WEEKDAYS] if isinstance(days, list) else [days]
        if bad:
            raise ValueError(f"weekdays: unknown {bad}; use {', '.join(WEEKDAYS)}")
        values["weekdays"] = tuple(days)  # type: ignore[arg-type]
    rules = data.get("rules", {})
    if not isinstance(rules, Mapping):
        raise ValueError("rules must be tables like [rules.travel]")
    wishes: dict[str, Wish] = {}
    for key, spec in rules.items():
        if not isinstance(spec, Mapping):
            raise ValueError(f"rules.{key} must be a table with level and weight")
        default = _DEFAULT_WISHES.get(key, Wish("soft", 0))
        wishes[key] = Wish(
            str(spec.get("level", default.level)), spec.get("weight", default.weight)
        )
        if key == "discipline" and "preference" in spec:
            values["discipline_preference"] = spec["preference"]
    try:
        return PlanSettings(**values, wishes=wishes)  # type: ignore[arg-type]
    except TypeError as error:
        raise ValueError(str(error)) from error


def load_plan_settings(path: Path | None = None, **overrides: object) -> PlanSettings:
    """Settings from ``path`` (TOML, optional) with keyword overrides on top."""
    data: dict[str, object] = {}
    if path is not None:
        with Path(path).open("rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as error:
                raise ValueError(f"{Path(path).name}: not valid TOML: {error}") from error
    settings = settings_from_mapping(data)
    return settings.with_overrides(**overrides) if overrides else settings
