"""Offline geocoding of Dutch and Belgian postcodes and place names.

Coordinators get whatever people typed: "3511 AB", "B-2000", "Den Bosch", "Amersfort",
"werk in Utrecht". Group forming only needs a point per person to estimate travel, so this
module turns such answers into coordinates from the GeoNames tables in ``intake/data``
(CC BY 4.0, see ``intake/data/GEO_LICENCE.md``) and says how sure it is. The order follows
the data notes (SOURCES.md in the shared geo folder): NL postcode, BE postcode, exact place
name with aliases, qualifiers dropped, words around a place name, and a fuzzy match last.
Anything that is a guess carries a bilingual note quoting the input, for the coordinator.
"""

from __future__ import annotations

import csv
import math
import numbers
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from intake.close_spellings import CloseSpellings
from road import haversine_km

DATA_DIR = Path(__file__).parent / "data"

_KIND_ORDER = {"place": 0, "municipality": 1, "place_section": 2, "postal_place": 3}
_HOMONYM_MIN_KM = 25.0  # a same-named place farther away than this is a different place
_HOMONYM_MIN_POPULATION = 1000  # hamlets of the same name are not worth a warning
_PLACE_NEAR_POSTCODE_KM = 20.0  # a place this close to a postcode's point confirms its country
_REGION_MAX_TOWN_POPULATION = 10_000  # "Utrecht" is a city, "Limburg" only a province
_FUZZY_CUTOFF = 85.0
_FUZZY_MIN_CHARS = 5  # "geen" is one letter from Geleen: four letters are too few to guess
_FUZZY_MAX_CHARS = 40
_MAX_TOKENS = 12  # longer answers are sentences; their first words are enough to search
_MAX_QUOTE_CHARS = 60
_CACHE_LIMIT = 100_000

_COUNTRY_NAMES = {
    "nl": "NL", "nld": "NL", "nederland": "NL", "netherlands": "NL", "the netherlands": "NL",
    "holland": "NL", "pays bas": "NL", "niederlande": "NL",
    "be": "BE", "bel": "BE", "b": "BE", "belgie": "BE", "belgium": "BE", "belgique": "BE",
    "belgien": "BE",
}  # fmt: skip
# Inside an answer only unmistakable words count: "holland" is part of "Noord-Holland".
_COUNTRY_TOKENS = {"nl", "nederland", "netherlands", "be", "belgie", "belgium", "belgique"}
_MUNICIPALITY_PREFIXES = {"gem", "gemeente"}
# Words around a place name that do not change which place is meant ("werk in Amersfoort").
# fmt: off
_FILLER_WORDS = frozenset({
    "in", "te", "bij", "nabij", "regio", "omgeving", "omg", "rond", "rondom", "buurt", "gemeente",
    "gem", "stad", "centrum", "city", "centre", "center", "near", "around", "area", "region",
    "the", "of", "municipality", "woonplaats", "werkplek", "werk", "werkzaam", "wonend", "woon",
    "woonachtig", "work", "live", "living", "working", "based", "provincie", "province", "prov",
    "ik", "i", "at", "de", "het", "een", "op", "voor", "met", "naar", "en", "and", "e", "o", "eo",
    "omstreken", "noord", "zuid", "oost", "west", "midden", "postbus", "pb",
})
# Words that, beside a country name, describe part of it rather than a place ("heel Nederland").
_PART_OF_COUNTRY_WORDS = frozenset({
    "heel", "geheel", "hele", "all", "whole", "noord", "zuid", "oost", "west", "midden",
    "noordoost", "noordwest", "zuidoost", "zuidwest", "centraal", "north", "south", "east",
    "central",
})
# Regions that are no place; provinces and Belgian regions are added from the tables.
_REGION_NAMES = frozenset({
    "randstad", "brabant", "twente", "achterhoek", "veluwe", "het gooi", "gooi", "west friesland",
    "friesland", "de kempen", "kempen", "flanders", "wallonia",
})
# fmt: on

# \w is Unicode-aware: "4000 Liège" must not read as the Dutch postcode "4000 LI".
_NL_FULL = re.compile(r"(?<!\w)(\d{4})\s*-?\s*([A-Za-z]{2})(?!\w)")
_PREFIXED = re.compile(r"(?<!\w)(BE|B|NL)\s*-?\s*(\d{4})(?!\d)", re.IGNORECASE)
_BARE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_EXCEL_FLOAT = re.compile(r"^(\d{4})\.0+$")
_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_NOT_KEY_CHARS = re.compile(r"[^a-z0-9']")
_PLACEHOLDER_PC4 = "9999"  # BAG placeholder, never a real address (SOURCES.md)


def place_key(text: str) -> str:
    """The look-up form of a name, identical to ``places.csv.key`` (see SOURCES.md)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    bare = _NOT_KEY_CHARS.sub(" ", bare.replace("’", "'").replace("`", "'"))
    return " ".join(bare.replace("'", "").split())


@dataclass(frozen=True)
class GeoMatch:
    """Where an answer points to, how it was read and how sure that reading is."""

    lat: float | None
    lon: float | None
    place: str | None
    country: str | None
    postcode: str | None
    how: str  # "nl_postcode", "be_postcode", "place", "alias", "fuzzy", "municipality", ""
    status: str  # "ok" | "guessed" | "invalid" | "empty"
    note_en: str = ""
    note_nl: str = ""
    ambiguous: bool = False


class _Place(NamedTuple):
    """One row of places.csv, with an alias already resolved to the name it stands for."""

    name: str
    is_alias: bool
    country: str
    kind: str
    province: str
    lat: float
    lon: float
    population: int


class _Postcode(NamedTuple):
    """One postcode with its main place and the keys of every place it covers."""

    code: str
    country: str
    place: str
    lat: float
    lon: float
    place_keys: frozenset[str]


@dataclass(frozen=True)
class _Tables:
    """The GeoNames tables, read once per process and shared by every Geocoder."""

    postcodes: dict[str, dict[str, _Postcode]]  # country -> code -> postcode
    places: dict[str, tuple[_Place, ...]]  # key -> candidates, best first without context
    fuzzy_keys: tuple[str, ...]  # keys, most populous first so that ties favour big places
    key_population: dict[str, int]
    region_keys: frozenset[str]  # provinces and regions that are not also a town


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _base_rank(candidate: _Place) -> tuple[bool, int, int]:
    return candidate.is_alias, _KIND_ORDER[candidate.kind], -candidate.population


@cache
def _tables() -> _Tables:
    """Load and index the CSVs (about 0.1 s, a few MB)."""
    nl_rows, be_rows = _read_csv("nl_pc4.csv"), _read_csv("be_postcodes.csv")
    nl_codes = {
        row["postcode"]: _Postcode(
            row["postcode"],
            "NL",
            row["place"],
            float(row["lat"]),
            float(row["lon"]),
            frozenset(place_key(p) for p in [*row["places"].split("|"), row["municipality"]]),
        )
        for row in nl_rows
        if row["postcode"] != _PLACEHOLDER_PC4
    }
    be_codes = {
        row["postcode"]: _Postcode(
            row["postcode"],
            "BE",
            row["place"],
            float(row["lat"]),
            float(row["lon"]),
            frozenset(place_key(p) for p in row["places"].split("|")),
        )
        for row in be_rows
    }
    grouped: dict[str, list[_Place]] = {}
    for row in _read_csv("places.csv"):
        candidate = _Place(
            sys.intern(row["alias_of"] or row["name"]),  # shared strings keep memory small
            bool(row["alias_of"]),
            sys.intern(row["country"]),
            sys.intern(row["kind"]),
            sys.intern(row["province"]),
            float(row["lat"]),
            float(row["lon"]),
            int(row["population"] or 0),
        )
        grouped.setdefault(row["key"], []).append(candidate)
    places = {key: tuple(sorted(group, key=_base_rank)) for key, group in grouped.items()}
    key_population = {key: max(c.population for c in group) for key, group in places.items()}
    fuzzy_keys = tuple(sorted(places, key=lambda k: (-key_population[k], k)))
    region_names = {
        *_REGION_NAMES,
        *(row["province"] for row in nl_rows),
        *(row[column] for row in be_rows for column in ("province", "region")),
    }
    region_keys = frozenset(
        key
        for key in map(place_key, region_names)
        if key_population.get(key, 0) < _REGION_MAX_TOWN_POPULATION
    )
    postcodes = {"NL": nl_codes, "BE": be_codes}
    return _Tables(postcodes, places, fuzzy_keys, key_population, region_keys)


@cache
def _close_spellings() -> CloseSpellings:
    """The fuzzy index of the place keys, built on the first answer that needs it."""
    return CloseSpellings(_tables().fuzzy_keys, _FUZZY_CUTOFF)


def _country_of(word: object) -> str | None:
    """The code NL or BE for a country written in any usual way, else None."""
    if not isinstance(word, str):
        return None
    return _COUNTRY_NAMES.get(place_key(word))


def _as_text(value: object) -> str | None:
    """The answer as stripped text; None when there is nothing (None, NaN, blank)."""
    if value is None:
        return None
    if isinstance(value, bool):  # True is an int to Python, but never a postcode
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return str(int(number)) if number.is_integer() else str(number)
    text = str(value).strip()
    excel_float = _EXCEL_FLOAT.match(text)
    return excel_float.group(1) if excel_float else (text or None)


def _quote(text: str) -> str:
    return text if len(text) <= _MAX_QUOTE_CHARS else text[: _MAX_QUOTE_CHARS - 1] + "…"


def _describe(candidate: _Place) -> str:
    """'Mechelen (Antwerpen, BE)': enough to tell two places of one name apart."""
    country = candidate.country
    where = f"{candidate.province}, {country}" if candidate.province else country
    return f"{candidate.name} ({where})"


_LAND_EN = {"NL": "the Netherlands", "BE": "Belgium"}
_LAND_NL = {"NL": "Nederland", "BE": "België"}
_ADJECTIVE_EN = {"NL": "Dutch", "BE": "Belgian"}
_ADJECTIVE_NL = {"NL": "Nederlands", "BE": "Belgisch"}
_ADJECTIVE_NL_INFLECTED = {"NL": "Nederlandse", "BE": "Belgische"}
_EMPTY = GeoMatch(None, None, None, None, None, "", "empty")


def _invalid(note_en: str, note_nl: str) -> GeoMatch:
    return GeoMatch(None, None, None, None, None, "", "invalid", note_en, note_nl)


def _not_found(quoted: str) -> GeoMatch:
    return _invalid(
        f'No Dutch or Belgian postcode or place found in "{quoted}"; please give a postcode.',
        f'Geen Nederlandse of Belgische postcode of plaats gevonden in "{quoted}"; geef een '
        "postcode op.",
    )


_SAINTS = ("sint", "saint")


def _spellings(tokens: list[str]) -> list[str]:
    """The key as written, then with "St." spelled out ("St. Michielsgestel", "St-Hubert")."""
    key = " ".join(tokens)
    if "st" not in tokens:
        return [key]
    return [key, *(" ".join(saint if t == "st" else t for t in tokens) for saint in _SAINTS)]


class _PlaceHit(NamedTuple):
    """Ranked candidates for a place answer and how they were found."""

    key: str  # the key that matched
    ranked: tuple[_Place, ...]
    fuzzy: bool  # found by a fuzzy match on the key
    partial: bool  # found inside a longer answer with words that may matter


class Geocoder:
    """Resolves postcode and place answers of one cohort to coordinates.

    ``default_country`` decides a bare four-digit code that exists in both countries when the
    answer, ``country_hint`` and ``place_hint`` give no clue; such a match is flagged
    ambiguous. Place names are not pulled towards the default country: "Leuven" is the
    Belgian city, not the Dutch hamlet, unless a hint says NL.
    """

    def __init__(self, default_country: str = "NL") -> None:
        self.default_country = _country_of(default_country) or "NL"
        self._tables = _tables()
        self._cache: dict[tuple[object, ...], GeoMatch] = {}

    def is_postcode_in(self, code: str, country: str) -> bool:
        """Whether ``code`` (any NL/BE spelling) is a known postcode of ``country``."""
        text = _as_text(code)
        country_code = _country_of(country)
        found = self._find_code(text) if text else None
        if found is None or country_code is None:
            return False
        digits, spelled_country, _ = found
        in_country = digits in self._tables.postcodes[country_code]
        return in_country and spelled_country in (None, country_code)

    def locate(
        self, text: object, *, country_hint: str | None = None, place_hint: str | None = None
    ) -> GeoMatch:
        """Read one postcode or place answer; never raises, a failure is a status."""
        try:
            cache_key = (type(text), text, country_hint, place_hint)
            cached = self._cache.get(cache_key)
        except TypeError:  # unhashable input: nothing to cache
            return self._locate(text, country_hint, place_hint)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[cache_key] = self._locate(text, country_hint, place_hint)
        return cached

    def _locate(self, value: object, country_hint: object, place_hint: object) -> GeoMatch:
        text = _as_text(value)
        if text is None:
            return _EMPTY
        quoted = _quote(text)
        context = self._text_country(text) or _country_of(country_hint)
        found = self._find_code(text)
        if found is None:
            return self._place(text, context, quoted)
        digits, spelled_country, rest = found
        return self._postcode(digits, spelled_country, context, rest, place_hint, quoted)

    def _find_code(self, text: str) -> tuple[str, str | None, str] | None:
        """The four digits, the country their spelling fixes (if any) and the remaining text.

        "3511 AB" is always Dutch, "B-2000" and "NL-3511" name their country, a bare "2000"
        does not. "2000 BE" is Belgian when 2000 is no Dutch PC4.
        """
        full = _NL_FULL.search(text)
        if full and (full.group(2).upper() != "BE" or full.group(1) in self._nl):
            return full.group(1), "NL", text[: full.start()] + " " + text[full.end() :]
        prefixed = _PREFIXED.search(text)
        if prefixed:
            country = "NL" if prefixed.group(1).upper() == "NL" else "BE"
            rest = text[: prefixed.start()] + " " + text[prefixed.end() :]
            return prefixed.group(2), country, rest
        bare = _BARE.search(text)
        if bare:
            return bare.group(1), None, text[: bare.start()] + " " + text[bare.end() :]
        return None

    @property
    def _nl(self) -> dict[str, _Postcode]:
        return self._tables.postcodes["NL"]

    @staticmethod
    def _text_country(text: str) -> str | None:
        """The country an answer names itself ("2000 Antwerpen, België"), if just one."""
        named = {_COUNTRY_NAMES[t] for t in place_key(text).split() if t in _COUNTRY_TOKENS}
        return named.pop() if len(named) == 1 else None

    # --- postcodes -------------------------------------------------------------------------

    def _postcode(
        self,
        code: str,
        spelled_country: str | None,
        context: str | None,
        rest: str,
        place_hint: object,
        quoted: str,
    ) -> GeoMatch:
        """Resolve a four-digit code; ``spelled_country`` when its spelling fixes the country."""
        postcodes = self._tables.postcodes
        if spelled_country:
            found = postcodes[spelled_country].get(code)
            if found is None:
                return self._unknown_code(
                    code,
                    rest,
                    context,
                    quoted,
                    f"does not exist in {_LAND_EN[spelled_country]}",
                    f"bestaat niet in {_LAND_NL[spelled_country]}",
                )
            return self._postcode_match(found)
        in_country = {c: postcodes[c][code] for c in ("NL", "BE") if code in postcodes[c]}
        if not in_country:
            return self._unknown_code(
                code,
                rest,
                context,
                quoted,
                "exists neither in the Netherlands nor in Belgium",
                "bestaat niet in Nederland of België",
            )
        if context in in_country:
            return self._postcode_match(in_country[context])
        if context is not None:  # the code exists only in the other country
            (found,) = in_country.values()
            return self._postcode_match(
                found,
                "guessed",
                f'Postcode "{quoted}" is not {_ADJECTIVE_EN[context]}; read as '
                f"{_ADJECTIVE_EN[found.country]} ({found.place}). Please check.",
                f'Postcode "{quoted}" is niet {_ADJECTIVE_NL[context]}; gelezen als '
                f"{_ADJECTIVE_NL[found.country]} ({found.place}). Controleer dit.",
            )
        if len(in_country) == 1:
            return self._postcode_match(next(iter(in_country.values())))
        place_text = " ".join(t for t in place_key(rest).split() if t not in _COUNTRY_TOKENS)
        if not place_text and isinstance(place_hint, str):
            place_text = place_key(place_hint)
        by_place = self._country_by_place(in_country, place_text) if place_text else None
        if by_place:
            return self._postcode_match(in_country[by_place])
        chosen = in_country[self.default_country]
        other = in_country["BE" if self.default_country == "NL" else "NL"]
        return self._postcode_match(
            chosen,
            "guessed",
            f'Postcode "{quoted}" read as {_ADJECTIVE_EN[chosen.country]} ({chosen.place}); it '
            f"is also a {_ADJECTIVE_EN[other.country]} postcode ({other.place}). "
            "Please check the country.",
            f'Postcode "{quoted}" gelezen als {_ADJECTIVE_NL[chosen.country]} ({chosen.place}); '
            f"het is ook een {_ADJECTIVE_NL_INFLECTED[other.country]} postcode ({other.place}). "
            "Controleer het land.",
            ambiguous=True,
        )

    def _unknown_code(
        self,
        code: str,
        rest: str,
        context: str | None,
        quoted: str,
        problem_en: str,
        problem_nl: str,
    ) -> GeoMatch:
        """An unknown code is invalid, unless the answer also names a place to fall back on.

        PO-box codes ("Postbus 123, 3500 AB Utrecht") have no addresses, so GeoNames lacks
        them, while the place beside them is fine.
        """
        fallback = self._place(rest, context, quoted) if place_key(rest) else None
        if fallback is None or fallback.lat is None:
            return _invalid(
                f'Postcode "{quoted}" {problem_en}; please check it.',
                f'Postcode "{quoted}" {problem_nl}; controleer deze.',
            )
        return replace(
            fallback,
            status="guessed",
            note_en=f"Postcode {code} {problem_en}; used the place {fallback.place} instead. "
            f"{fallback.note_en}".strip(),
            note_nl=f"Postcode {code} {problem_nl}; in plaats daarvan is {fallback.place} "
            f"gebruikt. {fallback.note_nl}".strip(),
        )

    def _country_by_place(self, in_country: dict[str, _Postcode], key: str) -> str | None:
        """The one country whose postcode covers the named place ("3500 Hasselt" -> BE)."""
        named = {c for c, found in in_country.items() if key in found.place_keys}
        if not named:
            candidates = self._tables.places.get(key, ())
            named = {
                c
                for c, found in in_country.items()
                for candidate in candidates
                if candidate.country == c
                and haversine_km(found.lat, found.lon, candidate.lat, candidate.lon)
                <= _PLACE_NEAR_POSTCODE_KM
            }
        return named.pop() if len(named) == 1 else None

    @staticmethod
    def _postcode_match(
        found: _Postcode,
        status: str = "ok",
        note_en: str = "",
        note_nl: str = "",
        *,
        ambiguous: bool = False,
    ) -> GeoMatch:
        how = "nl_postcode" if found.country == "NL" else "be_postcode"
        return GeoMatch(
            found.lat,
            found.lon,
            found.place,
            found.country,
            found.code,
            how,
            status,
            note_en,
            note_nl,
            ambiguous,
        )

    # --- place names -----------------------------------------------------------------------

    def _place(self, text: str, context: str | None, quoted: str) -> GeoMatch:
        if self._is_region(text):
            return _invalid(
                f'"{quoted}" names a region or country, not a place; please give a postcode '
                "or place.",
                f'"{quoted}" is een regio of land, geen plaats; geef een postcode of plaats op.',
            )
        hit = self._find_place(text, context)
        if hit is None:
            return _not_found(quoted)
        winner = hit.ranked[0]
        # GeoNames keeps misspellings such as "Amersfort" as aliases; treat them as typos.
        misspelt = winner.is_alias and Levenshtein.distance(hit.key, place_key(winner.name)) == 1
        if hit.fuzzy or misspelt:
            how = "fuzzy"
        elif winner.is_alias:
            how = "alias"
        else:
            how = "municipality" if winner.kind == "municipality" else "place"
        notes_en: list[str] = []
        notes_nl: list[str] = []
        same_name = place_key(quoted) == place_key(winner.name)  # "apeldoorn " is Apeldoorn
        if (how == "fuzzy" or hit.partial) and not same_name:
            notes_en.append(f'Read "{quoted}" as {winner.name}; please check.')
            notes_nl.append(f'"{quoted}" gelezen als {winner.name}; controleer dit.')
        others = self._homonyms(hit.ranked, context)
        if others:
            names = " or ".join(_describe(o) for o in others)
            names_nl = " of ".join(_describe(o) for o in others)
            notes_en.append(
                f'"{quoted}" read as {_describe(winner)}; it could also be {names}. '
                "Please check or give a postcode."
            )
            notes_nl.append(
                f'"{quoted}" gelezen als {_describe(winner)}; het kan ook {names_nl} zijn. '
                "Controleer dit of geef een postcode op."
            )
        return GeoMatch(
            winner.lat,
            winner.lon,
            winner.name,
            winner.country,
            None,
            how,
            "guessed" if notes_en else "ok",
            " ".join(notes_en),
            " ".join(notes_nl),
            bool(others),
        )

    def _is_region(self, text: str) -> bool:
        """A province, region or country ("Limburg", "heel Nederland") rather than a place."""
        words = place_key(text).split()
        rest = [w for w in words if w not in _COUNTRY_TOKENS]
        if len(rest) < len(words) and all(w in _PART_OF_COUNTRY_WORDS for w in rest):
            return True
        return " ".join(rest) in self._tables.region_keys

    def _find_place(self, text: str, context: str | None) -> _PlaceHit | None:
        """Exact key, then without qualifier, then words inside the answer, then fuzzy."""
        tokens = [t for t in place_key(text).split() if t not in _COUNTRY_TOKENS][:_MAX_TOKENS]
        prefer_municipality = len(tokens) > 1 and tokens[0] in _MUNICIPALITY_PREFIXES
        if prefer_municipality:
            tokens = tokens[1:]
        if not tokens:
            return None
        for key in _spellings(tokens):
            ranked = self._ranked(key, context, prefer_municipality)
            if ranked:
                return _PlaceHit(key, ranked, fuzzy=False, partial=False)
        unqualified = _TRAILING_QUALIFIER.sub("", text)
        if unqualified != text:
            hit = self._find_place(unqualified, context)
            if hit is not None and not hit.fuzzy:
                return hit
        inner = self._inner_phrase(tokens, context, prefer_municipality)
        if inner is not None:
            return inner
        return self._fuzzy(" ".join(tokens), context)

    def _ranked(
        self, key: str, context: str | None, prefer_municipality: bool = False
    ) -> tuple[_Place, ...]:
        """Candidates for a key: country context, (municipality,) canonical, kind, size."""
        candidates = self._tables.places.get(key, ())
        if prefer_municipality:
            candidates = tuple(sorted(candidates, key=lambda c: c.kind != "municipality"))
        if context and len(candidates) > 1:
            candidates = tuple(sorted(candidates, key=lambda c: c.country != context))
        return candidates

    def _inner_phrase(
        self, tokens: list[str], context: str | None, prefer_municipality: bool
    ) -> _PlaceHit | None:
        """The longest run of words that names a place ("werk in Amersfoort")."""
        population = self._tables.key_population
        for length in range(len(tokens) - 1, 0, -1):
            found: list[tuple[int, int, int]] = []
            for start in range(len(tokens) - length + 1):
                words = tokens[start : start + length]
                phrase = " ".join(words)
                if len(phrase) < 3 or all(w in _FILLER_WORDS for w in words):
                    continue
                if phrase in self._tables.places:
                    found.append((population[phrase], start, start + length))
            if found:
                _, start, end = max(found)
                phrase = " ".join(tokens[start:end])
                dropped = tokens[:start] + tokens[end:]
                partial = any(w not in _FILLER_WORDS and not w.isdigit() for w in dropped)
                ranked = self._ranked(phrase, context, prefer_municipality)
                return _PlaceHit(phrase, ranked, fuzzy=False, partial=partial)
        return None

    def _fuzzy(self, key: str, context: str | None) -> _PlaceHit | None:
        """A close spelling of a known key; never for short or numeric answers."""
        if not _FUZZY_MIN_CHARS <= len(key) <= _FUZZY_MAX_CHARS or any(c.isdigit() for c in key):
            return None
        matches = _close_spellings().extract(key, limit=5)
        if not matches:
            return None
        places, population = self._tables.places, self._tables.key_population

        def preference(match: tuple[str, float]) -> tuple[float, bool, int]:
            choice, score = match
            in_context = any(c.country == context for c in places[choice])
            return score, in_context, population[choice]

        best = max(matches, key=preference)[0]
        return _PlaceHit(best, self._ranked(best, context), fuzzy=True, partial=False)

    @staticmethod
    def _homonyms(ranked: tuple[_Place, ...], context: str | None) -> list[_Place]:
        """Other real places of the same name, far from the chosen one (at most two).

        With a country context only canonical names in that country count: the person said
        which country they mean, and an alternative spelling elsewhere is then unlikely.
        """
        winner = ranked[0]
        others: list[_Place] = []
        for candidate in ranked[1:]:
            if context and (candidate.country != context or candidate.is_alias):
                continue
            if candidate.population < _HOMONYM_MIN_POPULATION:
                continue
            if any(candidate.name == o.name and candidate.country == o.country for o in others):
                continue
            far = (
                haversine_km(winner.lat, winner.lon, candidate.lat, candidate.lon) > _HOMONYM_MIN_KM
            )
            if far:
                others.append(candidate)
                if len(others) == 2:
                    break
        return others


@cache
def default_geocoder() -> Geocoder:
    """One shared Geocoder with the default country NL (its result cache is shared too)."""
    return Geocoder()
