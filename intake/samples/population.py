"""People as planned: witness groups, organisations, teams, managers and planted problems."""

from __future__ import annotations

import itertools
import math
import random
import string
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from intake.samples.reference import postcode_table, vocab
from intake.samples.spec import (
    MEMBER_RADIUS_KM,
    REGION_RADIUS_KM,
    TRAVEL_MARGIN_KM,
    SampleSpec,
)
from intake.samples.text import ascii_text, slug
from moments import MOMENTS
from road import ROAD_FACTOR, haversine_km


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
        domain = slug(name.removeprefix("Gemeente ")) + (".be" if country == "BE" else ".nl")
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
            local = f"{ascii_text(person.first)}.{ascii_text(person.last).replace(' ', '')}".lower()
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
            "lonely_function", slug(lonely_fn).replace("-", "_"), lonely_fn, host, host.moments,
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
        org = _Org(name=org_name, region=far.region, domain=slug(org_name) + ".nl")
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
