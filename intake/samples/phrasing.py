"""Writing answers the way people type them, with a measured dose of mess."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from intake.samples.population import _Generator, _Person
from intake.samples.reference import known_place, known_postcode, place_coordinates
from intake.samples.spec import PC6_LETTERS
from moments import MOMENTS
from road import haversine_km


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
