"""Realistic synthetic intake files: the product's demo data and the test bed of the readers.

Why built backwards: a sample is only useful to test group forming if groups *can* be formed.
So the generator first plans "witness" groups (5-8 people of one function family, one region,
one shared meeting moment, everyone's travel limit covering the farthest group mate, nobody
from the same team, no manager with their own staff), then builds organisations, teams and
reporting lines around them, and only then writes the answers the way coordinators and forms
write them, with a measured dose of mess. The ``truth`` frame records what was meant, so tests
can check what the readers recover. All people and organisations are fictional; place names and
postcodes come from GeoNames (CC BY 4.0).
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import random
import re
import string
import tomllib
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from intake.geo import ROAD_FACTOR, haversine_km

DATA_DIR = Path(__file__).parent / "data"
MOMENTS = ("morning", "afternoon", "late_afternoon", "evening")
MESS_KINDS = (
    "duplicate", "place_typo", "postcode_typo", "empty_function", "email_caps",
    "trailing_space", "nvt", "vague_time", "avoid_colleague", "missing_moments",
    "odd_answer", "missing_postcode",
)
# Mess kinds after which the written location is not in the geo data on purpose.
UNRESOLVABLE_LOCATION_MESS = ("place_typo", "postcode_typo", "missing_postcode")
PLANTED = ("lonely_function", "unshared_moment", "far_away")
TRAVEL_MARGIN_KM = 6.0  # covers place-name coordinates that differ from the postcode's
MEMBER_RADIUS_KM = 7.0  # witness group members work within this distance of a group centre
REGION_RADIUS_KM = 25.0
FIXED_FILE_TIME = datetime(2026, 11, 9, 9, 0, 0)
FIRST_SUBMISSION = datetime(2026, 10, 5)
SUBMISSION_WINDOW_DAYS = 31
PC6_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
SHEET_NAMES = {
    ("hand", "nl"): "Deelnemers", ("hand", "en"): "Participants",
    ("msforms", "nl"): "Form1", ("msforms", "en"): "Form1",
    ("gforms", "nl"): "Formulierreacties 1", ("gforms", "en"): "Form Responses 1",
}
STYLES = ("hand", "msforms", "gforms")
LANGS = ("nl", "en")


@dataclass(frozen=True)
class SampleSpec:
    """What to generate: size, seed, file style, language, share of messy rows, planted problems."""

    n: int = 150
    seed: int = 1
    style: str = "hand"
    lang: str = "nl"
    mess: float = 0.05
    plant_problems: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, not {self.style!r}")
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {self.lang!r}")
        if not 0.0 <= self.mess <= 1.0:
            raise ValueError("mess must be between 0 and 1")
        if self.n < 20:
            raise ValueError("n must be at least 20 so that groups can form")


# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


@cache
def vocab() -> dict[str, Any]:
    """The phrasings, names and regions of ``data/sample_vocab.toml``."""
    with (DATA_DIR / "sample_vocab.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def postcode_table() -> pd.DataFrame:
    """NL PC4 and BE postcodes with place, coordinates and country, one row per postcode."""
    nl = pd.read_csv(DATA_DIR / "nl_pc4.csv", dtype={"postcode": str})
    be = pd.read_csv(DATA_DIR / "be_postcodes.csv", dtype={"postcode": str})
    nl["country"], be["country"] = "NL", "BE"
    nl["municipality_name"] = nl["municipality"]
    be["municipality_name"] = be["place"]
    cols = ["postcode", "place", "municipality_name", "lat", "lon", "country"]
    return pd.concat([nl[cols], be[cols]], ignore_index=True)


@cache
def place_coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(lower-case place name, country) -> coordinates of its most populous GeoNames entry."""
    places = pd.read_csv(DATA_DIR / "places.csv").sort_values("population", ascending=False)
    coords: dict[tuple[str, str], tuple[float, float]] = {}
    for key, country, lat, lon in places[["key", "country", "lat", "lon"]].itertuples(index=False):
        coords.setdefault((key, country), (float(lat), float(lon)))
    return coords


def known_place(name: str, country: str) -> bool:
    """Whether a written place name is in the GeoNames place list."""
    return (name.strip().lower(), country) in place_coordinates()


def known_postcode(code: str, country: str) -> bool:
    """Whether a 4-digit postcode exists in the country's postcode table."""
    return (code, country) in _postcode_keys()


@cache
def _postcode_keys() -> frozenset[tuple[str, str]]:
    table = postcode_table()
    return frozenset(zip(table["postcode"], table["country"], strict=True))


# ---------------------------------------------------------------------------------------------
# People as planned
# ---------------------------------------------------------------------------------------------


@dataclass
class _Person:
    """One participant as the generator means them (the truth), before writing answers."""

    idx: int
    family: str
    function: str
    function_canonical: str
    level: int
    region: str
    group: int | None
    postcode: str
    place: str
    country: str
    lat: float
    lon: float
    moments: tuple[str, ...]
    travel_text: str
    travel_km: float
    first: str = ""
    last: str = ""
    email: str = ""
    organisation: str = ""
    team: str = ""
    manager_idx: int | None = None
    manager_ref: str | None = None
    planted: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _Team:
    """A team being filled: never two members of one witness group, so groups stay valid."""

    region: str
    sector: str = ""
    name: str = ""
    organisation: str = ""
    members: list[int] = field(default_factory=list)
    groups: set[int] = field(default_factory=set)
    families: Counter = field(default_factory=Counter)
    target: int = 6
    leader_idx: int | None = None
    leader_name: str = ""


@dataclass
class _Org:
    """An organisation with its teams and, if one enrolled, its director."""

    name: str
    region: str
    domain: str
    teams: list[_Team] = field(default_factory=list)
    director_idx: int | None = None
    director_name: str = ""


class _Generator:
    """Holds the random stream and the growing population of one sample."""

    def __init__(self, spec: SampleSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed * 1_000_003 + spec.n)
        self.voc = vocab()
        self.lang = spec.lang
        self.people: list[_Person] = []
        self.teams: list[_Team] = []
        self.orgs: list[_Org] = []
        self.used_names: set[str] = set()
        self.used_org_names: set[str] = set()
        self.regions = {r["name"]: r for r in self.voc["regions"]}
        self.families = {f["key"]: f for f in self.voc["families"]}
        self._region_postcodes: dict[str, pd.DataFrame] = {}

    # --- structure -------------------------------------------------------------------------

    def family_sizes(self, n_core: int) -> dict[str, int]:
        """Uneven family sizes, each at least 8 and never 9 (9 cannot split into groups of 5-8)."""
        n_fam = min(16, max(4, n_core // 10), len(self.voc["families"]))
        while n_fam > 1 and n_fam * 8 > n_core:
            n_fam -= 1
        chosen = self.voc["families"][:n_fam]
        sizes = {f["key"]: 8 for f in chosen}
        rest = n_core - 8 * n_fam
        weights = [f["weight"] * self.rng.uniform(0.4, 1.6) for f in chosen]
        total = sum(weights)
        shares = [rest * w / total for w in weights]
        for fam, share in zip(chosen, shares, strict=True):
            sizes[fam["key"]] += int(share)
        order = sorted(range(n_fam), key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in order[: n_core - sum(sizes.values())]:
            sizes[chosen[i]["key"]] += 1
        biggest = max(sizes, key=lambda k: sizes[k])
        for key in list(sizes):
            if sizes[key] == 9 and key != biggest:
                sizes[key] -= 1
                sizes[biggest] += 1
        if sizes[biggest] == 9:  # only possible when one family holds everyone
            sizes[biggest] = 10
        return sizes

    def split_family(self, size: int) -> list[int]:
        """Witness group sizes between 5 and 8 that add up to ``size``."""
        k = max(math.ceil(size / 8), round(size / 6.5))
        while 5 * k > size:
            k -= 1
        base, extra = divmod(size, k)
        return [base + (1 if i < extra else 0) for i in range(k)]

    def region_postcodes(self, region: str) -> pd.DataFrame:
        """Postcodes of the region's country within REGION_RADIUS_KM of its centre."""
        if region not in self._region_postcodes:
            info = self.regions[region]
            table = postcode_table()
            table = table[table["country"] == info["country"]].copy()
            table["dist"] = haversine_km(info["lat"], info["lon"], table["lat"], table["lon"])
            self._region_postcodes[region] = table[table["dist"] <= REGION_RADIUS_KM].reset_index(
                drop=True
            )
        return self._region_postcodes[region]

    def assign_regions(self, n_groups: int) -> list[str]:
        """Region per witness group: the first regions of the list, at least two groups each
        (one for a small region such as Antwerpen: a few Belgians, not a crowd)."""
        n_regions = max(1, min(len(self.regions), n_groups // 4))
        chosen = self.voc["regions"][:n_regions]
        counts = {
            r["name"]: (0 if n_regions == 1 else 1 if r["weight"] < 0.05 else 2) for r in chosen
        }
        rest = n_groups - sum(counts.values())
        total = sum(r["weight"] for r in chosen)
        shares = {r["name"]: rest * r["weight"] / total for r in chosen}
        for name, share in shares.items():
            counts[name] += int(share)
        leftovers = sorted(shares, key=lambda k: shares[k] - int(shares[k]), reverse=True)
        for name in leftovers[: n_groups - sum(counts.values())]:
            counts[name] += 1
        regions = [name for name, count in counts.items() for _ in range(count)]
        self.rng.shuffle(regions)
        return regions

    def travel_answer(self, need_km: float, form: bool) -> tuple[str, float]:
        """A travel limit someone would write that still covers ``need_km``."""
        if form:
            options = [(t, float(k)) for t, k in self.voc["travel_form"][self.lang]["options"]]
        else:
            options = [(o["text"], float(o["km"])) for o in self.voc["travel"][self.lang]]
        fitting = [(t, math.inf if k < 0 else k) for t, k in options if k < 0 or k >= need_km]
        weights = [1.0 if math.isinf(k) else 2.0 for _, k in fitting]
        return self.rng.choices(fitting, weights=weights)[0]

    def pick_moments(self, shared: str) -> tuple[str, ...]:
        """The shared moment plus a few others, as people tick them."""
        if not self.spec.plant_problems and self.rng.random() < 0.08:
            return MOMENTS
        extra_p = {"morning": 0.35, "afternoon": 0.35, "late_afternoon": 0.35, "evening": 0.08}
        if self.spec.plant_problems:
            extra_p["evening"] = 0.0
        return tuple(m for m in MOMENTS if m == shared or self.rng.random() < extra_p[m])

    def function_text(self, family: dict[str, Any], level: int) -> str:
        """A job title as the person writes it."""
        if level == 3:
            pool = family["level3"] if self.lang == "nl" else family["level3_en"]
        elif level == 1:
            pool = family["level1"]
        elif self.lang == "en" and self.rng.random() < 0.75:
            pool = family["en"]
        else:
            pool = family["nl"]
        return self.rng.choice(pool)

    def plan_witness_groups(self, n_core: int) -> None:
        """People in witness groups: family, level, region, location, moments, travel limit."""
        form = self.spec.style != "hand"
        groups = [
            (fam, size)
            for fam, total in self.family_sizes(n_core).items()
            for size in self.split_family(total)
        ]
        self.rng.shuffle(groups)
        for gid, ((fam_key, size), region) in enumerate(
            zip(groups, self.assign_regions(len(groups)), strict=True)
        ):
            family = self.families[fam_key]
            candidates = self.region_postcodes(region)
            inner = candidates[candidates["dist"] <= 15.0]
            centre = inner.iloc[self.rng.randrange(len(inner))]
            near = candidates[
                haversine_km(centre["lat"], centre["lon"], candidates["lat"], candidates["lon"])
                <= MEMBER_RADIUS_KM
            ]
            spots = [near.iloc[self.rng.randrange(len(near))] for _ in range(size)]
            shared = self.rng.choices(MOMENTS[:3], weights=[0.35, 0.3, 0.35])[0]
            has_director = False
            for i, spot in enumerate(spots):
                need = max(
                    haversine_km(spot["lat"], spot["lon"], o["lat"], o["lon"])
                    for j, o in enumerate(spots)
                    if j != i
                )
                travel_text, travel_km = self.travel_answer(
                    ROAD_FACTOR * need + TRAVEL_MARGIN_KM, form
                )
                if fam_key == "leidinggevenden":
                    level = 3 if not has_director and self.rng.random() < 0.3 else 2
                    has_director = has_director or level == 3
                else:
                    level = 1 if self.rng.random() < 0.1 else 0
                self.people.append(
                    _Person(
                        idx=len(self.people), family=fam_key,
                        function=self.function_text(family, level),
                        function_canonical=family["canonical"] if level < 3 else "Directeur",
                        level=level, region=region, group=gid,
                        postcode=spot["postcode"], place=spot["place"], country=spot["country"],
                        lat=float(spot["lat"]), lon=float(spot["lon"]),
                        moments=self.pick_moments(shared),
                        travel_text=travel_text, travel_km=travel_km,
                    )
                )

    def build_teams(self) -> None:
        """Deal staff into teams (never two of one witness group), merge tiny teams, add orgs."""
        for region in dict.fromkeys(p.region for p in self.people):
            staff = [
                p for p in self.people if p.region == region and p.family != "leidinggevenden"
            ]
            staff.sort(key=lambda p: (p.family, self.rng.random()))
            teams: list[_Team] = []
            for person in staff:
                open_teams = [
                    t for t in teams
                    if person.group not in t.groups and len(t.members) < t.target
                    and t.families.most_common(1)[0][0] == person.family
                ]
                if open_teams:
                    team = min(open_teams, key=lambda t: len(t.members))
                else:
                    team = _Team(region=region, target=self.rng.randint(4, 9))
                    teams.append(team)
                team.members.append(person.idx)
                team.groups.add(person.group)
                team.families[person.family] += 1
            teams = self._merge_small_teams(teams)
            self.teams.extend(teams)
            self._make_orgs(region, teams)

    def _merge_small_teams(self, teams: list[_Team]) -> list[_Team]:
        """Teams of one or two people join another team that has none of their group mates."""
        teams = sorted(teams, key=lambda t: len(t.members))
        merged = True
        while merged:
            merged = False
            for small in [t for t in teams if len(t.members) < 3]:
                partners = [
                    t for t in teams
                    if t is not small and not (t.groups & small.groups)
                    and len(t.members) + len(small.members) <= 10
                ]
                if partners:
                    partner = min(partners, key=lambda t: len(t.members))
                    partner.members += small.members
                    partner.groups |= small.groups
                    partner.families.update(small.families)
                    teams.remove(small)
                    merged = True
                    break
        return teams

    def _unique_org_name(self, pattern_key: str, region: str) -> str:
        info = self.regions[region]
        patterns = self.voc["org_patterns"][pattern_key]
        for _ in range(50):
            name = self.rng.choice(patterns).format(
                area=self.rng.choice(info["org_areas"]), city=region
            )
            if name not in self.used_org_names:
                break
        else:
            name = f"{name} {len(self.used_org_names) + 1}"
        self.used_org_names.add(name)
        return name

    def _new_org(self, region: str, sector: str) -> _Org:
        country = self.regions[region]["country"]
        pattern_key = "be" if country == "BE" else sector
        name = self._unique_org_name(pattern_key, region)
        domain = _slug(name.removeprefix("Gemeente ")) + (".be" if country == "BE" else ".nl")
        org = _Org(name=name, region=region, domain=domain)
        self.orgs.append(org)
        return org

    def _make_orgs(self, region: str, teams: list[_Team]) -> None:
        """Group a region's teams into organisations of the dominant family's sector."""
        by_sector: dict[str, list[_Team]] = {}
        for team in teams:
            team.sector = self.families[team.families.most_common(1)[0][0]]["sector"]
            by_sector.setdefault(team.sector, []).append(team)
        for sector, sector_teams in by_sector.items():
            org: _Org | None = None
            org_capacity = 0
            for team in sector_teams:
                if org is None or len(org.teams) >= org_capacity:
                    org = self._new_org(region, sector)
                    org_capacity = self.rng.randint(2, 5)
                self._add_team(org, team, sector)

    def _add_team(self, org: _Org, team: _Team, pattern_key: str) -> None:
        taken = {t.name for t in org.teams}
        patterns = self.voc["team_patterns"][pattern_key]
        for _ in range(50):
            area = self.rng.choice(self.voc["team_areas"]["names"])
            name = self.rng.choice(patterns).format(x=area)
            if name not in taken:
                break
        else:
            name = f"Team {len(taken) + 1}"
        team.name, team.organisation = name, org.name
        org.teams.append(team)
        for idx in team.members:
            self.people[idx].organisation, self.people[idx].team = org.name, name

    def place_leaders(self) -> None:
        """Directors lead organisations, team leads lead teams, never a witness group mate's."""
        leaders = [p for p in self.people if p.family == "leidinggevenden"]
        self.rng.shuffle(leaders)
        leaders.sort(key=lambda p: -p.level)  # directors first
        for person in leaders:
            region_orgs = [o for o in self.orgs if o.region == person.region]
            if person.level == 3:
                free = [o for o in region_orgs if o.director_idx is None]
                org = self.rng.choice(free) if free else self._new_org(person.region, "any")
                org.director_idx = person.idx
                pool = self.voc["team_patterns"]["directie" if self.lang == "nl" else "directie_en"]
                person.organisation, person.team = org.name, self.rng.choice(pool)
                continue
            blocked = {
                o.name for o in region_orgs
                if o.director_idx is not None and self.people[o.director_idx].group == person.group
            }
            free_teams = [
                t for t in self.teams
                if t.region == person.region and t.leader_idx is None
                and t.organisation not in blocked
            ]
            if free_teams:
                team = self.rng.choice(free_teams)
            else:
                allowed = [o for o in region_orgs if o.name not in blocked]
                org = self.rng.choice(allowed) if allowed else self._new_org(person.region, "any")
                team = _Team(region=person.region)
                self._add_team(org, team, "any")
                self.teams.append(team)
            team.leader_idx = person.idx
            person.organisation, person.team = team.organisation, team.name

    # --- names and reporting lines -----------------------------------------------------------

    def new_name(self) -> tuple[str, str]:
        """A first and last name not used yet in this sample.

        The name lists give about 13,000 combinations; past that (or when unlucky) a middle
        initial keeps every name unique, so large samples cannot loop forever.
        """
        names = self.voc["names"]
        for attempt in itertools.count():
            first, last = self.rng.choice(names["first"]), self.rng.choice(names["last"])
            if attempt >= 50:
                first = f"{first} {self.rng.choice(string.ascii_uppercase)}."
            if f"{first} {last}" not in self.used_names:
                self.used_names.add(f"{first} {last}")
                return first, last
        raise AssertionError("unreachable")

    def name_everyone(self) -> None:
        """Names, e-mail addresses and the fictional managers who did not enrol."""
        org_by_name = {o.name: o for o in self.orgs}
        personal = self.spec.style == "gforms"
        used_emails: set[str] = set()
        for person in self.people:
            person.first, person.last = self.new_name()
            org = org_by_name[person.organisation]
            domain = (
                self.rng.choice(self.voc["names"]["personal_domains"])
                if personal and self.rng.random() < 0.25 else org.domain
            )
            local = f"{_ascii(person.first)}.{_ascii(person.last).replace(' ', '')}".lower()
            email = f"{local}@{domain}"
            while email in used_emails:
                email = f"{local}{len(used_emails) % 97}@{domain}"
            used_emails.add(email)
            person.email = email
        for team in self.teams:
            if team.leader_idx is None:
                team.leader_name = " ".join(self.new_name())
        for org in self.orgs:
            if org.director_idx is None:
                org.director_name = " ".join(self.new_name())

    def link_managers(self) -> None:
        """Who each person reports to, written as full name, e-mail or first name only."""
        org_by_name = {o.name: o for o in self.orgs}
        team_by_key = {(t.organisation, t.name): t for t in self.teams}
        first_counts = Counter(p.first for p in self.people)
        for person in self.people:
            org = org_by_name[person.organisation]
            if person.level == 3:
                boss_idx, boss_name = None, None
                if self.rng.random() < 0.3:
                    boss_name = "Raad van Bestuur" if self.lang == "nl" else "Board"
            elif person.family == "leidinggevenden":
                boss_idx, boss_name = org.director_idx, org.director_name
            else:
                team = team_by_key[(person.organisation, person.team)]
                boss_idx, boss_name = team.leader_idx, team.leader_name
            person.manager_idx = boss_idx
            if boss_idx is None:
                person.manager_ref = boss_name
                continue
            boss = self.people[boss_idx]
            roll = self.rng.random()
            if roll < 0.6:
                person.manager_ref = boss.name
            elif roll < 0.85 or first_counts[boss.first] > 1:
                person.manager_ref = boss.email
            else:
                person.manager_ref = boss.first

    # --- planted problems ----------------------------------------------------------------------

    def add_planted_problems(self) -> None:
        """Add the three named problems the analyser must find."""
        form = self.spec.style != "hand"
        family_sizes = Counter(p.family for p in self.people if p.family != "leidinggevenden")
        big_family = family_sizes.most_common(1)[0][0]
        staff = [p for p in self.people if p.family == big_family]

        lonely_fn = self.rng.choice(self.voc["lonely"]["functions"])
        host = self.rng.choice(staff)
        self._planted_person(
            "lonely_function", _slug(lonely_fn).replace("-", "_"), lonely_fn, host, host.moments,
            form,
        )
        host = self.rng.choice(staff)
        self._planted_person(
            "unshared_moment", big_family, self.function_text(self.families[big_family], 0),
            host, ("evening",), form,
        )
        far_code = self.rng.choice(self.voc["far_away"]["postcodes"])
        table = postcode_table()
        spot = table[(table["postcode"] == far_code) & (table["country"] == "NL")].iloc[0]
        far = self._planted_person(
            "far_away", big_family, self.function_text(self.families[big_family], 0),
            self.rng.choice(staff), (self.rng.choice(MOMENTS[:3]),), form,
        )
        far.postcode, far.place, far.country = spot["postcode"], spot["place"], "NL"
        far.lat, far.lon = float(spot["lat"]), float(spot["lon"])
        far.travel_text = (
            self.voc["travel_form"][self.lang]["options"][0][0] if form else "30 min"
        )
        far.travel_km = 30.0
        far.region = spot["municipality_name"]
        org_name = f"Thuiszorg {spot['municipality_name']}"
        org = _Org(name=org_name, region=far.region, domain=_slug(org_name) + ".nl")
        self.orgs.append(org)
        self.used_org_names.add(org_name)
        team = _Team(region=far.region)
        self.teams.append(team)
        self._add_team(org, team, "zorg")
        far.organisation, far.team = org.name, team.name

    def _planted_person(
        self, problem: str, family: str, function: str, host: _Person,
        moments: tuple[str, ...], form: bool,
    ) -> _Person:
        """A person outside the witness groups who works next to ``host``."""
        travel_text, travel_km = self.travel_answer(math.inf, form)
        person = _Person(
            idx=len(self.people), family=family, function=function,
            function_canonical=function if problem == "lonely_function"
            else self.families[family]["canonical"],
            level=0, region=host.region, group=None, postcode=host.postcode, place=host.place,
            country=host.country, lat=host.lat, lon=host.lon, moments=moments,
            travel_text=travel_text, travel_km=travel_km, organisation=host.organisation,
            team=host.team, planted=problem,
        )
        self.people.append(person)
        return person


# ---------------------------------------------------------------------------------------------
# Writing answers
# ---------------------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


def _typo(word: str, rng: random.Random, country: str) -> str:
    """A misspelling of a place name that is not itself a known place ("Amersfort")."""
    if len(word) < 4:
        return word + "x"
    for _ in range(20):
        chars = list(word)
        i = rng.randrange(1, len(chars) - 1)
        if rng.random() < 0.5:
            del chars[i]
        else:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        candidate = "".join(chars)
        if candidate.lower() != word.lower() and not known_place(candidate, country):
            return candidate
    return word + "x"


@dataclass
class _Row:
    """The answers of one submission, before laying them out as a given style."""

    person: _Person
    submitted: datetime
    name: str
    email: str
    function: str | None
    level_text: str | None
    learn_give: str | None
    goal: str
    goal_theme: str
    style: str | None
    time: str | None
    moments: tuple[str, ...]
    moments_text: str | None
    postcode: str | int | None
    place: str | None
    travel: str
    experience: str
    avoid: str | None
    facilitator: str | None
    remarks: str | None
    extras: dict[str, str | None]
    team: str | None
    is_duplicate: bool = False
    mess: str | None = None


class _Writer:
    """Turns planned people into answers phrased for one style and language."""

    def __init__(self, gen: _Generator) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.voc = gen.voc
        self.lang = gen.lang
        self.form = gen.spec.style != "hand"
        self.level_header_kind = "niveau" if self.rng.random() < 0.5 else "leidinggevend"
        extras = list(self.voc["extra_columns"][self.lang])
        self.extra_headers = extras[:1] + ([extras[1]] if self.rng.random() < 0.5 else [])

    def pick(self, pool: Sequence[str]) -> str:
        return self.rng.choice(list(pool))

    def moments_text(self, moments: tuple[str, ...]) -> str | None:
        voc = self.voc["moments"][self.lang]
        if not moments:
            return None
        style = self.gen.spec.style
        if style == "msforms":
            return "".join(voc["labels"][m] + ";" for m in moments)
        if style == "gforms":
            return ", ".join(voc["labels"][m] for m in moments)
        if moments == MOMENTS:
            return voc["any"]
        parts = [self.pick(voc["hand"][m]) for m in moments]
        if len(parts) == 1:
            return parts[0]
        return self.pick(voc["joiners"]).join(parts)

    def location(self, person: _Person) -> tuple[str | int | None, str | None]:
        """(postcode cell, place cell) as people write a workplace; a form has one answer box,
        so a place written instead of a postcode goes into it."""
        postcode, place = self._location(person)
        if self.form:
            return (place if postcode is None else postcode), None
        return postcode, place

    def _location(self, person: _Person) -> tuple[str | int | None, str | None]:
        place = self.place_name(person)
        roll = self.rng.random()
        if person.country == "BE":
            if roll < 0.35:
                return f"B-{person.postcode}", place
            if roll < 0.6 and place:
                return f"{person.postcode} {place}", place
            return (int(person.postcode) if not self.form else person.postcode), place
        letters = "".join(self.rng.choice(PC6_LETTERS) for _ in range(2))
        if roll < 0.12 and place and self.place_is_close(person, place):
            return None, place
        if roll < 0.45:
            return f"{person.postcode} {letters}", place
        if roll < 0.6:
            return f"{person.postcode}{letters.lower()}", place
        return (int(person.postcode) if not self.form else person.postcode), place

    def place_name(self, person: _Person) -> str | None:
        """The workplace's place as written; "Den Bosch" for 's-Hertogenbosch now and then."""
        if person.place == "'s-Hertogenbosch" and self.rng.random() < 0.5:
            return "Den Bosch"
        if known_place(person.place, person.country):
            return person.place
        return None

    @staticmethod
    def place_is_close(person: _Person, place: str) -> bool:
        """A place name may stand in for a postcode only if it points at nearly the same spot."""
        coords = place_coordinates().get((place.lower(), person.country))
        return coords is not None and haversine_km(person.lat, person.lon, *coords) <= 2.0

    def level_text(self, person: _Person) -> str | None:
        voc = self.voc["level"][self.lang]
        if self.form:
            return voc["form"]["yes" if person.level >= 2 else "no"]
        return self.pick(voc[self.level_header_kind][str(person.level)])

    def goal_theme(self, leader: bool) -> dict[str, Any]:
        """Half of the managers want to work on leadership; only managers ever ask for it."""
        themes = self.voc["goals"]
        if leader and self.rng.random() < 0.5:
            return next(t for t in themes if t["key"] == "leiderschap")
        return self.rng.choice([t for t in themes if leader or t["key"] != "leiderschap"])

    def answers(self, person: _Person, submitted: datetime) -> _Row:
        """One clean submission of ``person``."""
        voc, lang, form = self.voc, self.lang, self.form
        leader = person.family == "leidinggevenden"
        lg_key = self.rng.choices(
            ["learn", "both", "give"], weights=[0.25, 0.45, 0.3] if leader else [0.45, 0.4, 0.15]
        )[0]
        lg = voc["learn_give"][lang]
        theme = self.goal_theme(leader)
        style_key = self.rng.choice(["accommodating", "diverging", "assimilating", "converging"])
        styles = voc["learning_style"][lang]
        exp_key = self.rng.choices(["none", "some", "experienced"], weights=[0.4, 0.35, 0.25])[0]
        exp = voc["experience"][lang]
        fac_roll = self.rng.random()
        fac = voc["facilitator"][lang]
        fac_key = "yes" if fac_roll < 0.45 else "no" if fac_roll < 0.9 else None
        postcode, place = self.location(person)
        avoid = self.pick(voc["avoid"][lang]["clean"]) if self.rng.random() < 0.25 else None
        remarks = self.pick(voc["remarks"][lang]) if self.rng.random() < 0.15 else None
        extras: dict[str, str | None] = {}
        for header in self.extra_headers:
            values = voc["extra_columns"][lang][header]
            extras[header] = self.pick(values) if self.rng.random() < 0.4 else None
        return _Row(
            person=person, submitted=submitted, name=person.name, email=person.email,
            function=person.function, level_text=self.level_text(person),
            learn_give=lg["form"][lg_key] if form else self.pick(lg[lg_key]),
            goal=self.pick(theme[lang]), goal_theme=theme["key"],
            style=styles["form"][style_key] if form else self.pick(styles[style_key]),
            time=self.pick([t["text"] for t in voc["time"][lang]]),
            moments=person.moments, moments_text=self.moments_text(person.moments),
            postcode=postcode, place=place, travel=person.travel_text,
            experience=exp["form"][exp_key] if form else self.pick(exp[exp_key]),
            avoid=avoid, facilitator=None if fac_key is None else (
                fac["form"][fac_key] if form else self.pick(fac[fac_key])
            ),
            remarks=remarks, extras=extras, team=person.team,
        )

    def mess_up(self, row: _Row, kind: str, people: list[_Person]) -> _Row:
        """Apply one kind of realistic mess to a submission (a new row for a duplicate)."""
        voc, lang, rng = self.voc, self.lang, self.rng
        row.mess = kind
        person = row.person
        if kind == "duplicate":
            later = row.submitted + timedelta(seconds=rng.randint(3_600, 5 * 86_400))
            again = self.answers(person, later)
            again.goal, again.goal_theme = row.goal, row.goal_theme
            again.remarks = "Sorry, nieuwe versie" if lang == "nl" else "Sorry, updated answers"
            again.is_duplicate, again.mess, row.mess = True, "duplicate", None
            return again
        if kind == "place_typo":
            base = row.place or person.place
            row.postcode, row.place = None, _typo(base, rng, person.country)
            if self.form:
                row.postcode, row.place = row.place, None
        elif kind == "postcode_typo":
            code = person.postcode
            for _ in range(50):
                i = rng.randrange(1, len(code))
                bad = code[:i] + str(rng.randrange(10)) + code[i + 1 :]
                if not known_postcode(bad, person.country):
                    break
            else:
                bad = code + "1"
            row.postcode = f"{bad} {'O' if rng.random() < 0.5 else 'I'}K"
            row.place = None
        elif kind == "missing_postcode":
            row.postcode, row.place = None, None
        elif kind == "empty_function":
            row.function = None
        elif kind == "email_caps":
            row.email = row.email.upper()
        elif kind == "trailing_space":
            row.name = row.name + " "
            if row.function:
                row.function = row.function + " "
        elif kind == "nvt":
            row.team = self.pick(voc["mess"]["nvt"])
        elif kind == "vague_time":
            row.time = self.pick(voc["mess"][f"vague_time_{lang}"])
        elif kind == "avoid_colleague":
            mates = [
                p for p in people
                if p.idx != person.idx and p.team == person.team
                and p.organisation == person.organisation
            ] or [p for p in people if p.group != person.group and p.idx != person.idx]
            colleague = rng.choice(mates)
            row.avoid = self.pick(voc["avoid"][lang]["about_colleague"]).format(
                name=colleague.name
            )
        elif kind == "missing_moments":
            row.moments, row.moments_text = (), None
        elif kind == "odd_answer":
            if rng.random() < 0.5:
                row.learn_give = self.pick(voc["mess"][f"odd_learn_give_{lang}"])
            else:
                row.style = self.pick(voc["mess"][f"odd_style_{lang}"])
        return row


# ---------------------------------------------------------------------------------------------
# Layout per style
# ---------------------------------------------------------------------------------------------

_QUESTIONS = {
    "nl": {
        "function": "Wat is je functie?", "organisation": "Bij welke organisatie werk je?",
        "team": "In welk team of op welke afdeling werk je?",
        "level": "Heb je een leidinggevende functie?",
        "manager": "Wie is je leidinggevende? (naam of e-mail)",
        "learn_give": "Kom je vooral om te leren of om te geven?",
        "goal": "Wat wil je leren in de intervisie?", "style": "Hoe leer jij het beste?",
        "time": "Hoeveel tijd wil je er echt voor vrijmaken?",
        "moments": "Op welke momenten kun je bijeenkomen? (meerdere antwoorden mogelijk)",
        "postcode": "Wat is de postcode van je werkplek?",
        "travel": "Hoe ver wil je maximaal reizen?",
        "experience": "Heb je eerder aan intervisie deelgenomen?",
        "avoid": "Met wie zou je liever niet in een groep zitten?",
        "facilitator": "Wil je een procesbegeleider bij de start?", "remarks": "Opmerkingen",
        "name": "Wat is je naam?",
    },
    "en": {
        "function": "What is your job title?",
        "organisation": "Which organisation do you work for?",
        "team": "Which team or department are you in?", "level": "Do you manage people?",
        "manager": "Who is your manager? (name or e-mail)",
        "learn_give": "Do you mainly come to learn or to give?",
        "goal": "What would you like to learn?", "style": "How do you learn best?",
        "time": "How much time can you really set aside?",
        "moments": "Which times suit you? (multiple answers possible)",
        "postcode": "Postcode of your workplace",
        "travel": "How far are you willing to travel?",
        "experience": "Have you taken part in intervision before?",
        "avoid": "Anyone you would rather not be in a group with?",
        "facilitator": "Would you like a facilitator at the start?", "remarks": "Remarks",
        "name": "What is your name?",
    },
}

_HAND_HEADERS = {
    "nl": {
        "name": "Naam", "email": "E-mail", "function": "Functie", "organisation": "Organisatie",
        "team": "Team", "niveau": "Niveau", "leidinggevend": "Leidinggevende functie",
        "manager": "Leidinggevende", "learn_give": "Leren of geven", "goal": "Leervraag",
        "style": "Leerstijl", "time": "Tijd", "moments": "Momenten", "postcode": "Postcode",
        "place": "Woonplaats", "travel": "Max. reistijd", "experience": "Ervaring intervisie",
        "avoid": "Liever niet met", "facilitator": "Procesbegeleider", "remarks": "Opmerkingen",
    },
    "en": {
        "name": "Name", "email": "Email", "function": "Function", "organisation": "Organisation",
        "team": "Team", "niveau": "Level", "leidinggevend": "Management role",
        "manager": "Manager", "learn_give": "Learn or give", "goal": "Learning goal",
        "style": "Learning style", "time": "Time", "moments": "Moments", "postcode": "Postcode",
        "place": "Place", "travel": "Max. travel", "experience": "Intervision experience",
        "avoid": "Rather not with", "facilitator": "Facilitator", "remarks": "Remarks",
    },
}

_MS_META = {
    "nl": ("ID", "Begintijd", "Tijdstip van voltooien", "E-mail", "Naam",
           "Tijdstip van laatste wijziging"),
    "en": ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
}
_G_META = {"nl": ("Tijdstempel", "E-mailadres"), "en": ("Timestamp", "Email Address")}
_FORM_FIELDS = (
    "function", "organisation", "team", "level", "manager", "learn_give", "goal", "style",
    "time", "moments", "postcode", "travel", "experience", "avoid", "facilitator", "remarks",
)


def _field_values(row: _Row) -> dict[str, Any]:
    person = row.person
    return {
        "name": row.name, "email": row.email, "function": row.function,
        "organisation": person.organisation, "team": row.team, "level": row.level_text,
        "manager": person.manager_ref, "learn_give": row.learn_give, "goal": row.goal,
        "style": row.style, "time": row.time, "moments": row.moments_text,
        "postcode": row.postcode, "place": row.place, "travel": row.travel,
        "experience": row.experience, "avoid": row.avoid, "facilitator": row.facilitator,
        "remarks": row.remarks,
    }


def _layout(rows: list[_Row], writer: _Writer, spec: SampleSpec) -> pd.DataFrame:
    """The sheet exactly as it is written: headers and cell values per style and language."""
    lang = spec.lang
    records: list[list[Any]] = []
    if spec.style == "hand":
        labels = _HAND_HEADERS[lang]
        keys = ["name", "email", "function", "organisation", "team", writer.level_header_kind,
                "manager", "learn_give", "goal", "style", "time", "moments", "postcode",
                "place", "travel", "experience", "avoid", "facilitator", "remarks"]
        headers = [labels[k] for k in keys] + writer.extra_headers
        for row in rows:
            values = _field_values(row)
            values[writer.level_header_kind] = row.level_text
            extras = [row.extras[h] for h in writer.extra_headers]
            records.append([values[k] for k in keys] + extras)
        return pd.DataFrame(records, columns=headers, dtype=object)

    questions = _QUESTIONS[lang]
    extra_q, extra_options = writer.voc["extra_question"][lang]
    with_extra = writer.rng.random() < 0.5
    if spec.style == "msforms":
        with_modified = writer.rng.random() < 0.5
        meta = list(_MS_META[lang][: 6 if with_modified else 5])
        headers = meta + [questions[k] for k in _FORM_FIELDS] + ([extra_q] if with_extra else [])
        for number, row in enumerate(rows, start=1):
            values = _field_values(row)
            started = row.submitted - timedelta(seconds=writer.rng.randint(150, 900))
            cells = [number, started, row.submitted, row.email, row.name]
            if with_modified:
                cells.append(None)
            cells += [values[k] for k in _FORM_FIELDS]
            if with_extra:
                cells.append(writer.rng.choice(extra_options))
            records.append(cells)
    else:
        headers = list(_G_META[lang]) + [questions["name"]] + [
            questions[k] for k in _FORM_FIELDS
        ] + ([extra_q] if with_extra else [])
        for row in rows:
            values = _field_values(row)
            cells = [row.submitted, row.email, row.name] + [values[k] for k in _FORM_FIELDS]
            if with_extra:
                cells.append(writer.rng.choice(extra_options))
            records.append(cells)
    return pd.DataFrame(records, columns=headers, dtype=object)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _submission_time(rng: random.Random) -> datetime:
    """When someone fills in the form: a day in the intake window, mostly office hours."""
    day = FIRST_SUBMISSION + timedelta(days=rng.randrange(SUBMISSION_WINDOW_DAYS))
    hour = rng.choices(range(7, 23), weights=[2, 5, 6, 6, 5, 6, 6, 5, 5, 4, 3, 2, 3, 3, 2, 1])[0]
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))


def _mess_plan(spec: SampleSpec, rng: random.Random) -> list[str]:
    """Which kinds of mess this sample gets: round(n * mess) rows, one kind per row, at most
    one per person (a duplicate adds a row, so a very messy sample has fewer people)."""
    kinds = list(MESS_KINDS)
    rng.shuffle(kinds)
    plan = [kinds[i % len(kinds)] for i in range(round(spec.n * spec.mess))]
    planted = len(PLANTED) if spec.plant_problems else 0
    while plan and len(plan) > spec.n - plan.count("duplicate") - planted:
        plan.pop()
    return plan


def generate_sample(spec: SampleSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic intake sheet and the truth behind every row (same order, same length).

    ``sheet`` holds exactly the headers and cell values written to the file (timestamps as
    datetimes; the csv writer formats them as the form would). ``truth`` holds per row:
    person_id (shared by a duplicate submission), family, function_canonical, organisation,
    team, manager_person_id, level, lat, lon, is_duplicate, planted, and also mess (the kind of
    mess applied to the row, or None), moments, max_travel_km (inf = no limit), goal_theme,
    region, country and witness_group (the planned group of 5-8 proving the clean rows can
    form groups; None for planted people).
    """
    gen = _Generator(spec)
    mess_kinds = _mess_plan(spec, gen.rng)
    n_duplicates = mess_kinds.count("duplicate")
    n_core = spec.n - n_duplicates - (len(PLANTED) if spec.plant_problems else 0)
    gen.plan_witness_groups(n_core)
    gen.build_teams()
    gen.place_leaders()
    if spec.plant_problems:
        gen.add_planted_problems()
    gen.name_everyone()
    gen.link_managers()

    writer = _Writer(gen)
    order = list(gen.people)
    gen.rng.shuffle(order)
    moments = sorted(_submission_time(gen.rng) for _ in order)
    rows = [writer.answers(person, t) for person, t in zip(order, moments, strict=True)]
    clean_rows = [r for r in rows if r.person.planted is None]
    for row, kind in zip(gen.rng.sample(clean_rows, len(mess_kinds)), mess_kinds, strict=True):
        extra = writer.mess_up(row, kind, gen.people)
        if extra is not row:
            rows.append(extra)
    rows.sort(key=lambda r: r.submitted)
    sheet = _layout(rows, writer, spec)
    return sheet, _truth(rows, gen)


def _truth(rows: list[_Row], gen: _Generator) -> pd.DataFrame:
    def pid(idx: int | None) -> str | None:
        return None if idx is None else f"P{idx + 1:05d}"

    records = [
        {
            "person_id": pid(r.person.idx), "family": r.person.family,
            "function_canonical": r.person.function_canonical,
            "organisation": r.person.organisation, "team": r.person.team,
            "manager_person_id": pid(r.person.manager_idx), "level": r.person.level,
            "lat": r.person.lat, "lon": r.person.lon, "is_duplicate": r.is_duplicate,
            "planted": r.person.planted, "mess": r.mess, "moments": r.moments,
            "max_travel_km": r.person.travel_km, "goal_theme": r.goal_theme,
            "region": r.person.region, "country": r.person.country,
            "witness_group": r.person.group,
        }
        for r in rows
    ]
    truth = pd.DataFrame(records)
    truth["level"] = truth["level"].astype("Int64")
    truth["witness_group"] = truth["witness_group"].astype("Int64")
    for column in ("manager_person_id", "planted", "mess"):
        truth[column] = truth[column].astype(object).where(truth[column].notna(), None)
    return truth


def _format_timestamp(value: datetime, spec: SampleSpec) -> str:
    """A timestamp as the form's csv download writes it."""
    if spec.lang == "nl":
        return f"{value.day}-{value.month}-{value.year} {value:%H:%M:%S}"
    return value.strftime("%Y/%m/%d %I:%M:%S %p") + " CET"


def _csv_cell(value: Any, spec: SampleSpec) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime):
        return _format_timestamp(value, spec)
    return str(value)


def _title(spec: SampleSpec) -> str | None:
    """A hand sheet's title row, if this coordinator puts one above the header."""
    if spec.style != "hand" or random.Random(spec.seed).random() >= 0.6:
        return None
    return "Intake intervisie 2026 — regio Utrecht" if spec.lang == "nl" else (
        "Intervision intake 2026 — Utrecht region"
    )


def write_sample(spec: SampleSpec, path: Path) -> Path:
    """Write the sample as .xlsx or .csv (Google Forms csv: comma; hand csv: semicolon, BOM)."""
    path = Path(path)
    sheet, _ = generate_sample(spec)
    title = _title(spec)
    if path.suffix.lower() == ".csv":
        _write_csv(sheet, spec, title, path)
    elif path.suffix.lower() == ".xlsx":
        _write_xlsx(sheet, spec, title, path)
    else:
        raise ValueError(f"write_sample writes .xlsx or .csv, not {path.suffix!r}")
    return path


def _write_csv(sheet: pd.DataFrame, spec: SampleSpec, title: str | None, path: Path) -> None:
    hand = spec.style == "hand"
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";" if hand else ",", lineterminator="\r\n")
    width = len(sheet.columns)
    if title:
        out.writerow([title] + [""] * (width - 1))
        out.writerow([""] * width)
    out.writerow(list(sheet.columns))
    for values in sheet.itertuples(index=False):
        out.writerow([_csv_cell(v, spec) for v in values])
    encoding = "utf-8-sig" if hand or spec.style == "msforms" else "utf-8"
    path.write_bytes(buffer.getvalue().encode(encoding))


def _write_xlsx(sheet: pd.DataFrame, spec: SampleSpec, title: str | None, path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_NAMES[(spec.style, spec.lang)]
    if title:
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
    ws.append(list(sheet.columns))
    header_row = ws.max_row
    if spec.style == "hand":
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
    for values in sheet.itertuples(index=False):
        ws.append([None if _is_missing(v) else v for v in values])
    if spec.style == "msforms":
        for column in ws.iter_cols(min_col=2, max_col=3, min_row=header_row + 1):
            for cell in column:
                cell.number_format = "m/d/yy h:mm:ss"
    workbook.properties.creator = "intervisie samples"
    workbook.properties.created = FIXED_FILE_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook.properties.modified = FIXED_FILE_TIME
    path.write_bytes(_restamp_zip(buffer.getvalue(), tostring(workbook.properties.to_tree())))


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _restamp_zip(data: bytes, core_xml: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry times and properties, so equal content = equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            content = core_xml if info.filename == "docProps/core.xml" else source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_FILE_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


STANDARD_SAMPLES: tuple[tuple[str, SampleSpec], ...] = (
    ("intake_40.xlsx", SampleSpec(n=40, seed=1)),
    ("intake_40.csv", SampleSpec(n=40, seed=1)),
    ("intake_150.xlsx", SampleSpec(n=150, seed=1)),
    ("intake_150.csv", SampleSpec(n=150, seed=1)),
    ("intake_2000.xlsx", SampleSpec(n=2000, seed=1)),
    ("intake_2000.csv", SampleSpec(n=2000, seed=1)),
    ("msforms_nl_60.xlsx", SampleSpec(n=60, seed=2, style="msforms", lang="nl")),
    ("msforms_en_60.xlsx", SampleSpec(n=60, seed=3, style="msforms", lang="en")),
    ("gforms_nl_80.csv", SampleSpec(n=80, seed=4, style="gforms", lang="nl")),
    ("gforms_en_80.xlsx", SampleSpec(n=80, seed=5, style="gforms", lang="en")),
    ("intake_problems_60.xlsx", SampleSpec(n=60, seed=6, mess=0.0, plant_problems=True)),
)


def write_standard_samples(folder: Path) -> list[Path]:
    """Write the committed sample set (see ``data/samples/README.md``) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_sample(spec, folder / name) for name, spec in STANDARD_SAMPLES]
