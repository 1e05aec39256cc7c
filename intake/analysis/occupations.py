"""Job titles matched to occupations: ESCO (Dutch and English) plus a curated Dutch table.

A title as an intake form holds it ("Sr. fysiotherapeute (0,8 fte)", "Juf groep 3", "POH-GGZ")
is reduced to what the function is, then looked up in ``data/occupations_curated.toml`` (Dutch
health, social-care and education titles ESCO lacks or mislabels, each with its reasoning) and in
the ESCO index ``data/esco_occupations.csv`` (built by ``scripts/build_esco_index.py``). The
lookup tries, in order: the whole title; its longest run of words that names an occupation and
is not only generic words ("medewerker", "officer"); a Dutch compound's known tail
("sportfysiotherapeut" -> "fysiotherapeut"); and a close spelling of a known label (one or two
typos). A title naming a manager ("teamleider", "manager zorg", "head of") is a manager's
whatever the discipline, so managers are peers of managers and never of their staff; only a
title that is as a whole an ESCO label outside ISCO major group 1 ("head waiter", 5131) keeps
ESCO's occupation.

Each occupation has a *family*: the curated family, "manager" for ISCO major group 1, and the
ISCO-08 unit group otherwise. Families are what a coordinator sees; the occupation and its ISCO
groups grade how alike two people's functions are (:mod:`intake.analysis.peers`).

This product uses the ESCO classification of the European Commission (https://esco.ec.europa.eu/).
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from intake.close_spellings import CloseSpellings

MANAGER_FAMILY = "manager"
_MANAGER = "nl:leidinggevende"  # the curated occupation of a manager's title without a better one
_LABEL_SEPARATOR = "|"
_MIN_COMPOUND_TAIL = 5  # "therapeut" may end a compound; "arts" alone is too short a tail
_MIN_COMPOUND_HEAD = 3  # "kinder" + ergotherapeut, "sport" + fysiotherapeut
_FUZZY_MIN_LENGTH = 8  # shorter titles differ by one letter from other words ("arts"/"art")
_FUZZY_CUTOFF = 92.0  # rapidfuzz ratio: one typo in a 12+ letter title, none in short ones
_SEPARATORS = re.compile(r"[\-/_,.;:+|&'\"`()\[\]]+")
_SPACES = re.compile(r"\s+")
_TEACHER = re.compile(
    r"\b(?:juf|juffrouw|meester|leerkracht|leraar|lerares|docent)\s+(?:groep|gr)\b"
)

# Dutch feminine and English gendered forms mapped to the form ESCO and the table use most.
_WORD_FORMS = {
    "lerares": "leraar",
    "onderwijzeres": "onderwijzer",
    "verpleegster": "verpleegkundige",
    "verpleger": "verpleegkundige",
    "voogdes": "voogd",
    "policewoman": "policeman",
    "chairwoman": "chairman",
    "actress": "actor",
    "waitress": "waiter",
}
_SUFFIX_FORMS = (
    (re.compile(r"(?<=[dkgpt])ster$"), "er"),  # begeleidster, werkster, medewerkster
    (re.compile(r"(?<=\w{4})ste$"), "st"),  # logopediste, specialiste
    (re.compile(r"(?<=\w{3})eute$"), "eut"),  # fysiotherapeute
    (re.compile(r"(?<=\w{3})(?<=[nr])te$"), "t"),  # assistente, consulente, docente
    (re.compile(r"(?<=\w{2})loge$"), "loog"),  # psychologe
    (re.compile(r"(?<=\w{2})goge$"), "goog"),  # pedagoge
    (re.compile(r"(?<=\w{2})atrice$"), "ator"),  # coordinatrice
    (re.compile(r"(?<=\w{2})trice$"), "teur"),  # directrice
    (re.compile(r"(?<=\w{2})euse$"), "eur"),  # adviseuse
    (re.compile(r"(?<=\w{3})ica$"), "icus"),  # historica
)
_FEMININE_ENDINGS = ("ster", "ste", "eute", "nte", "rte", "loge", "goge", "trice", "euse", "ica")
_NOT_FEMININE = frozenset({"meester", "minister", "zuster", "register"})


@dataclass(frozen=True)
class Occupation:
    """One occupation: ``code`` (ESCO code such as "2264.2", or a curated "nl:..." key), its
    ISCO-08 group ``isco`` (4 digits, or fewer when only a broader group is known), its
    ``family`` and its names."""

    code: str
    isco: str
    family: str
    name_nl: str
    name_en: str

    def name(self, language: str = "en") -> str:
        """The canonical name in ``language`` ("nl" or "en"; the other one when missing),
        capitalised as a heading (ESCO writes "archivist")."""
        preferred, other = (self.name_nl, self.name_en)
        if language != "nl":
            preferred, other = other, preferred
        name = preferred or other
        return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Match:
    """A title's occupation and how it was found: ``how`` is one of "label", "part",
    "compound", "spelling" or "manager"; ``label`` is the known label it matched. ``family``
    is the occupation's family, or the manager family for a manager's title."""

    occupation: Occupation
    how: str
    label: str
    family: str = ""

    def __post_init__(self) -> None:
        if not self.family:
            object.__setattr__(self, "family", self.occupation.family)

    @property
    def is_manager(self) -> bool:
        """A manager's title: peers are other managers."""
        return self.family == MANAGER_FAMILY


@dataclass
class OccupationIndex:
    """Normalised labels -> occupation codes, and the occupations by code.

    Curated labels win over ESCO preferred labels, which win over ESCO alternative labels; a
    label of several occupations at the same rank goes to the most general (shortest) code.
    """

    occupations: dict[str, Occupation]
    labels: dict[str, str]
    generic: frozenset[str]
    manager_words: frozenset[str]
    manager_phrases: tuple[str, ...]
    not_managers: frozenset[str]
    tails: dict[str, str] = field(default_factory=dict)  # one-word labels, for compounds
    family_names: dict[str, Occupation] = field(default_factory=dict)  # curated family homes

    def __post_init__(self) -> None:
        self.tails = {
            label: code
            for label, code in self.labels.items()
            if " " not in label and len(label) >= _MIN_COMPOUND_TAIL and label not in self.generic
        }
        for occupation in self.occupations.values():
            if occupation.code.startswith("nl:"):
                self.family_names.setdefault(occupation.family, occupation)

    def match(self, title: str) -> Match | None:
        """The occupation of a normalised title (see :func:`match_key`), or None."""
        if not title:
            return None
        found = self._lookup(title)
        if not self.is_manager_title(title):
            return found
        if found is not None and found.occupation.isco.startswith("1"):
            return Match(found.occupation, found.how, found.label, MANAGER_FAMILY)
        if (
            found is not None
            and found.how == "label"
            and not found.occupation.code.startswith("nl:")
        ):
            return found  # ESCO names the whole title and puts it outside ISCO's managers
        return Match(self.occupations[_MANAGER], "manager", title, MANAGER_FAMILY)

    def is_manager_title(self, title: str) -> bool:
        """A title that names a people manager ("teamleider wijkzorg", "head of nursing")."""
        words = title.split()
        if any(f" {phrase} " in f" {title} " for phrase in self.manager_phrases):
            return True
        for word in words:
            if word in self.not_managers:
                continue
            if word in self.manager_words or (
                word.endswith(("manager", "hoofd", "directeur")) and word not in self.labels
            ):
                return True
        return False

    def _lookup(self, title: str) -> Match | None:
        code = self.labels.get(title)
        if code is not None and (code.startswith("nl:") or not self._only_generic(title)):
            return Match(self.occupations[code], "label", title)
        words = title.split()
        joined = "".join(words)
        if len(words) > 1 and joined in self.labels:  # "wijk verpleegkundige"
            return Match(self.occupations[self.labels[joined]], "label", joined)
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if part in self.labels and not self._only_generic(part):
                    return Match(self.occupations[self.labels[part]], "part", part)
        for word in words:
            for cut in range(_MIN_COMPOUND_HEAD, len(word) - _MIN_COMPOUND_TAIL + 1):
                tail = word[cut:]
                if tail in self.tails:
                    return Match(self.occupations[self.tails[tail]], "compound", tail)
        if len(title) >= _FUZZY_MIN_LENGTH and not self._only_generic(title):
            best = self._spellings.extract(title, limit=1)
            if best:
                label = best[0][0]
                return Match(self.occupations[self.labels[label]], "spelling", label)
        return None

    @cached_property
    def _spellings(self) -> CloseSpellings:
        """Labels long enough for a spelling match, shorter first (a tie goes to the shorter
        label); built on the first title that needs it."""
        labels = sorted(
            (label for label in self.labels if len(label) >= _FUZZY_MIN_LENGTH),
            key=lambda label: (len(label), label),
        )
        return CloseSpellings(labels, _FUZZY_CUTOFF)

    def is_generic(self, title: str) -> bool:
        """A title of generic words only ("officer", "senior adviseur"): it names no function."""
        return self._only_generic(match_key(title))

    def _only_generic(self, text: str) -> bool:
        """Nothing but generic words ("medewerker", "senior adviseur"), or one short word."""
        words = text.split()
        return all(word in self.generic for word in words) or (len(words) == 1 and len(text) < 4)


def match_key(title: str) -> str:
    """A title in the form labels are compared in: lower case, no accents or separators,
    feminine forms made common, "juf groep 3" made "juf groep"."""
    text = title.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", _SEPARATORS.sub(" ", text)).strip()
    words = [_common_form(word) for word in text.split()]
    text = " ".join(words)
    teacher = _TEACHER.search(text)
    return f"{teacher.group(0).split()[0]} groep" if teacher else text


@cache
def _common_form(word: str) -> str:
    if word in _WORD_FORMS:
        return _WORD_FORMS[word]
    if word in _NOT_FEMININE or len(word) < 6 or not word.endswith(_FEMININE_ENDINGS):
        return word
    for pattern, replacement in _SUFFIX_FORMS:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return word


@cache
def occupation_index() -> OccupationIndex:
    """The shipped index (cached: built once per process from the package data)."""
    data = resources.files("intake") / "data"
    esco = (data / "esco_occupations.csv").read_text(encoding="utf-8")
    curated = tomllib.loads((data / "occupations_curated.toml").read_text(encoding="utf-8"))
    return build_index(csv.DictReader(esco.splitlines()), curated)


@cache
def isco_labels() -> dict[str, str]:
    """ISCO-08 group code -> English label ("2264" -> "Physiotherapists"); ESCO has no Dutch
    ISCO labels, so Dutch text names the code alone."""
    data = resources.files("intake") / "data"
    text = (data / "esco_isco_groups.csv").read_text(encoding="utf-8")
    return {row["code"]: row["en"] for row in csv.DictReader(text.splitlines())}


def build_index(
    esco_rows: Iterable[dict[str, str]],
    curated: dict,
    *,
    hold_out: frozenset[str] = frozenset(),
) -> OccupationIndex:
    """An index from ESCO rows (``scripts/build_esco_index.py``'s columns) and the curated
    table. ``hold_out`` names ESCO codes whose alternative labels are left out, so a benchmark
    can test matching on labels the index has never seen."""
    generic = frozenset(match_key(w) for w in curated["generic"]["words"])
    occupations: dict[str, Occupation] = {}
    ranked: dict[str, tuple[int, int, str, str]] = {}  # label -> (rank, code parts, code, code)

    def offer(label: str, rank: int, code: str) -> None:
        key = match_key(label)
        if not key or (rank > 0 and all(w in generic for w in key.split())):
            return  # an ESCO alt label "manager" or "medewerker" says nothing
        candidate = (rank, code.count("."), code, code)
        if key not in ranked or candidate < ranked[key]:
            ranked[key] = candidate

    for row in esco_rows:
        code, isco = row["code"], row["isco"]
        occupations[code] = Occupation(code, isco, f"isco:{isco}", row["nl"], row["en"])
        for name in (row["nl"], row["en"]):
            if name:
                offer(name, 1, code)
        if code in hold_out:
            continue
        for column in ("nl_labels", "en_labels"):
            for label in row[column].split(_LABEL_SEPARATOR):
                if label:
                    offer(label, 2, code)
    for entry in curated["occupation"]:
        occupation = Occupation(
            entry["key"], entry["isco"], entry.get("family", entry["key"]), entry["nl"], entry["en"]
        )
        occupations[occupation.code] = occupation
        for label in [entry["nl"], entry["en"], *entry["labels"]]:
            key = match_key(label)
            if key:
                ranked[key] = min(ranked.get(key, (9, 0, "", "")), (0, 0, occupation.code, ""))
    manager = curated["manager"]
    return OccupationIndex(
        occupations=occupations,
        labels={label: value[2] for label, value in sorted(ranked.items())},
        generic=generic,
        manager_words=frozenset(match_key(w) for w in manager["words"]),
        manager_phrases=tuple(match_key(p) for p in manager["phrases"]),
        not_managers=frozenset(match_key(w) for w in manager["not_managers"]),
    )
