"""Geocoding of NL/BE postcodes and place names as people type them in an intake form."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.geo import (
    DATA_DIR,
    Geocoder,
    GeoMatch,
    default_geocoder,
    place_key,
)
from road import haversine_km

STATUSES = {"ok", "guessed", "invalid", "empty"}


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder()


# --- postcodes ------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["3511 AB", "3511ab", "3511-AB", "3511 ab Utrecht", "NL-3511"])
def test_spelled_dutch_postcode_is_dutch_without_doubt(geo: Geocoder, spelling: str) -> None:
    match = geo.locate(spelling)
    assert (match.postcode, match.country, match.place) == ("3511", "NL", "Utrecht")
    assert (match.how, match.status, match.ambiguous) == ("nl_postcode", "ok", False)
    assert match.lat == pytest.approx(52.0886) and match.lon == pytest.approx(5.1174)


@pytest.mark.parametrize("value", [" 3511 ", "3511", 3511, 3511.0, "3511.0", np.int64(3511)])
def test_bare_code_in_any_type_reads_as_the_default_country(geo: Geocoder, value: object) -> None:
    match = geo.locate(value)
    assert (match.postcode, match.country, match.place) == ("3511", "NL", "Utrecht")


def test_full_dutch_postcode_ignores_a_belgian_hint(geo: Geocoder) -> None:
    assert geo.locate("3511 AB", country_hint="BE").country == "NL"


@pytest.mark.parametrize(
    "spelling",
    [
        "B-2000",
        "B 2000",
        "BE-2000",
        "be2000",
        "2000 Antwerpen (BE)",
        "2000 Antwerpen, België/Belgium",
        "Antwerpen 2000",
        "2000 BE",
        "Antwerpen 2000 ",
    ],
)
def test_belgian_postcode_spellings(geo: Geocoder, spelling: str) -> None:
    match = geo.locate(spelling)
    assert (match.postcode, match.country, match.place) == ("2000", "BE", "Antwerpen")
    assert (match.how, match.status, match.ambiguous) == ("be_postcode", "ok", False)


def test_accented_place_after_a_code_is_no_dutch_letter_pair(geo: Geocoder) -> None:
    match = geo.locate("4000 Liège")
    assert (match.country, match.postcode, match.status) == ("BE", "4000", "ok")


def test_unknown_code_falls_back_on_the_place_beside_it(geo: Geocoder) -> None:
    match = geo.locate("Postbus 123, 3500 AB Utrecht")
    assert (match.place, match.country, match.postcode, match.status) == (
        "Utrecht",
        "NL",
        None,
        "guessed",
    )
    assert "3500" in match.note_en and "3500" in match.note_nl


def test_code_that_exists_only_in_belgium_is_belgian(geo: Geocoder) -> None:
    assert geo.is_postcode_in("1300", "BE") and not geo.is_postcode_in("1300", "NL")
    match = geo.locate("1300")
    assert (match.country, match.place, match.status, match.ambiguous) == (
        "BE",
        "Wavre",
        "ok",
        False,
    )


def test_dual_code_without_context_is_flagged_and_names_the_belgian_place(geo: Geocoder) -> None:
    match = geo.locate("3511")
    assert (match.country, match.place, match.status, match.ambiguous) == (
        "NL",
        "Utrecht",
        "guessed",
        True,
    )
    assert "Kuringen" in match.note_en and "Kuringen" in match.note_nl
    assert '"3511"' in match.note_en


def test_dual_code_follows_a_belgian_default_country() -> None:
    match = Geocoder(default_country="België").locate("3511")
    assert (match.country, match.place, match.ambiguous) == ("BE", "Kuringen", True)
    assert "Utrecht" in match.note_en


@pytest.mark.parametrize(
    ("text", "country_hint", "place_hint", "country", "place"),
    [
        ("3511", "BE", None, "BE", "Kuringen"),
        ("3511", "België", None, "BE", "Kuringen"),
        ("3511", "Belgium", None, "BE", "Kuringen"),
        ("3511", "Nederland", None, "NL", "Utrecht"),
        ("3500 Hasselt", None, None, "BE", "Hasselt"),
        ("6211", None, "Maastricht", "NL", "Maastricht"),
        ("6211", None, "Mellet", "BE", "Mellet"),
        ("1000 Brussel", None, None, "BE", "Bruxelles"),
    ],
)
def test_dual_code_decided_by_context(
    geo: Geocoder,
    text: str,
    country_hint: str | None,
    place_hint: str | None,
    country: str,
    place: str,
) -> None:
    match = geo.locate(text, country_hint=country_hint, place_hint=place_hint)
    assert (match.country, match.place, match.status, match.ambiguous) == (
        country,
        place,
        "ok",
        False,
    )


def test_hint_for_the_wrong_country_is_overruled_with_a_note(geo: Geocoder) -> None:
    match = geo.locate("1300", country_hint="NL")
    assert (match.country, match.place, match.status) == ("BE", "Wavre", "guessed")
    assert "1300" in match.note_en and "1300" in match.note_nl


@pytest.mark.parametrize("text", ["9999", "9999 AB", "0123", "B-9999", "NL-2000"])
def test_unknown_postcodes_are_invalid_and_quoted(geo: Geocoder, text: str) -> None:
    match = geo.locate(text)
    assert (match.status, match.lat, match.country) == ("invalid", None, None)
    assert text in match.note_en and text in match.note_nl


@pytest.mark.parametrize(
    ("code", "country", "expected"),
    [
        ("3511 AB", "NL", True),
        ("3511 AB", "BE", False),  # spelled Dutch
        ("B-3511", "BE", True),
        ("3511", "Belgium", True),
        ("2000", "Nederland", False),
        ("9999", "NL", False),  # BAG placeholder
        ("hello", "NL", False),
        ("3511", "FR", False),
    ],
)
def test_is_postcode_in(geo: Geocoder, code: str, country: str, expected: bool) -> None:
    assert geo.is_postcode_in(code, country) is expected


# --- place names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "country", "how"),
    [
        ("Utrecht", "Utrecht", "NL", "place"),
        ("Den Bosch", "'s-Hertogenbosch", "NL", "alias"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch", "NL", "place"),
        ("The Hague", "Den Haag", "NL", "alias"),
        ("Gand", "Gent", "BE", "alias"),
        ("Bruxelles", "Brussel", "BE", "alias"),
        ("Luik", "Liège", "BE", "alias"),
        ("Alphen a/d Rijn", "Alphen aan den Rijn", "NL", "alias"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân", "NL", "municipality"),
        ("Leuven", "Leuven", "BE", "place"),
    ],
)
def test_place_names_and_aliases(
    geo: Geocoder, text: str, place: str, country: str, how: str
) -> None:
    match = geo.locate(text)
    assert (match.place, match.country, match.how, match.status) == (place, country, how, "ok")
    assert match.postcode is None and match.lat is not None


@pytest.mark.parametrize(
    ("text", "place", "how"),
    [
        ("Utrecht (stad)", "Utrecht", "place"),
        ("gem. Utrecht", "Utrecht", "municipality"),
        ("Gemeente Utrecht", "Utrecht", "municipality"),
        ("Utrecht, Nederland", "Utrecht", "place"),
        ("werk in Amersfoort", "Amersfoort", "place"),
        ("Haarlem e.o.", "Haarlem", "place"),
        ("St. Michielsgestel", "Sint-Michielsgestel", "place"),
    ],
)
def test_qualifiers_and_filler_words_are_dropped(
    geo: Geocoder, text: str, place: str, how: str
) -> None:
    match = geo.locate(text)
    assert (match.place, match.how, match.status, match.ambiguous) == (place, how, "ok", False)


def test_bergen_nh_resolves_to_north_holland(geo: Geocoder) -> None:
    match = geo.locate("Bergen (NH)")
    assert match.country == "NL" and match.status == "ok"
    assert match.lat == pytest.approx(52.66, abs=0.05)


def test_a_second_place_in_the_answer_makes_it_a_guess(geo: Geocoder) -> None:
    match = geo.locate("Utrecht en Amersfoort")
    assert (match.place, match.status) == ("Utrecht", "guessed")
    assert "Utrecht en Amersfoort" in match.note_en


@pytest.mark.parametrize(
    ("typo", "place"),
    [
        ("Amersfort", "Amersfoort"),
        ("Den Bosh", "'s-Hertogenbosch"),
        ("Nijmegn", "Nijmegen"),
        ("Roterdam", "Rotterdam"),
        ("Eindhovn", "Eindhoven"),
        ("Groningn", "Groningen"),
        ("Maastrricht", "Maastricht"),
        ("Apeldorn", "Apeldoorn"),
        ("Leuwarden", "Leeuwarden"),
        ("Tilberg", "Tilburg"),
    ],
)
def test_typos_are_read_as_the_nearest_place_and_flagged(
    geo: Geocoder, typo: str, place: str
) -> None:
    match = geo.locate(typo)
    assert (match.place, match.how, match.status) == (place, "fuzzy", "guessed")
    assert match.note_en == f'Read "{typo}" as {place}; please check.'
    assert match.note_nl == f'"{typo}" gelezen als {place}; controleer dit.'


@pytest.mark.parametrize("text", ["Edx", "Bos", "geen"])
def test_short_answers_are_never_fuzzy_matched(geo: Geocoder, text: str) -> None:
    assert geo.locate(text).status == "invalid"


def test_homonym_without_context_is_flagged_with_both_places(geo: Geocoder) -> None:
    match = geo.locate("Mechelen")
    assert (match.place, match.country, match.status, match.ambiguous) == (
        "Mechelen",
        "BE",
        "guessed",
        True,
    )
    assert "Antwerpen, BE" in match.note_en and "Limburg, NL" in match.note_en
    assert "Limburg, NL" in match.note_nl


def test_homonym_with_country_hint_is_certain(geo: Geocoder) -> None:
    match = geo.locate("Mechelen", country_hint="BE")
    assert (match.country, match.status, match.ambiguous) == ("BE", "ok", False)
    assert match.lat == pytest.approx(51.026, abs=0.01)
    dutch = geo.locate("Mechelen", country_hint="NL")
    assert (dutch.country, dutch.status) == ("NL", "ok")
    assert dutch.lat == pytest.approx(50.796, abs=0.01)


@pytest.mark.parametrize(
    ("text", "also"),
    [("Hengelo", "Hengelo (Gelderland, NL)"), ("Gent", "Gendt"), ("Bergen", "Mons")],
)
def test_known_homonyms_are_flagged(geo: Geocoder, text: str, also: str) -> None:
    match = geo.locate(text)
    assert match.ambiguous and match.status == "guessed"
    assert also in match.note_en


@pytest.mark.parametrize("text", ["Amsterdam", "Utrecht", "Zwolle", "Antwerpen", "Hoorn"])
def test_big_places_with_hamlet_namesakes_are_not_flagged(geo: Geocoder, text: str) -> None:
    match = geo.locate(text)
    assert (match.status, match.ambiguous) == ("ok", False)


@pytest.mark.parametrize(
    "text", ["xyzzy", "n.v.t.", "-", "?", "12.5", "35111", "geen voorkeur", "zie hierboven"]
)
def test_garbage_is_invalid_and_quoted(geo: Geocoder, text: str) -> None:
    match = geo.locate(text)
    assert (match.status, match.lat, match.place, match.how) == ("invalid", None, None, "")
    assert f'"{text}"' in match.note_en and f'"{text}"' in match.note_nl


@pytest.mark.parametrize("text", ["Limburg", "Zuid-Holland", "heel Nederland", "Nederland"])
def test_regions_are_not_places(geo: Geocoder, text: str) -> None:
    match = geo.locate(text)
    assert match.status == "invalid" and "region" in match.note_en


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_nothing_is_empty(geo: Geocoder, value: object) -> None:
    assert geo.locate(value) == GeoMatch(None, None, None, None, None, "", "empty")


# --- keys and distances ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("'s-Hertogenbosch", "s hertogenbosch"),
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("’s Gravenhage", "s gravenhage"),
        ("  Alphen a/d  Rijn ", "alphen a d rijn"),
        ("Liège", "liege"),
    ],
)
def test_place_key_examples(text: str, key: str) -> None:
    assert place_key(text) == key


def test_place_key_reproduces_every_key_in_the_data() -> None:
    with (DATA_DIR / "places.csv").open(encoding="utf-8", newline="") as handle:
        mismatches = [
            row["name"] for row in csv.DictReader(handle) if place_key(row["name"]) != row["key"]
        ]
    assert mismatches == []


def test_amsterdam_to_maastricht_matches_the_sanity_table(geo: Geocoder) -> None:
    amsterdam, maastricht = geo.locate("1012 AB"), geo.locate("6211 AB")
    distance = haversine_km(amsterdam.lat, amsterdam.lon, maastricht.lat, maastricht.lon)
    assert isinstance(distance, float)
    assert distance == pytest.approx(178.0, abs=1.0)


def test_haversine_vectorised_equals_scalar() -> None:
    rng = np.random.default_rng(7)
    lat1, lat2 = rng.uniform(49, 54, 3), rng.uniform(49, 54, 4)
    lon1, lon2 = rng.uniform(2, 8, 3), rng.uniform(2, 8, 4)
    matrix = haversine_km(lat1[:, None], lon1[:, None], lat2[None, :], lon2[None, :])
    assert matrix.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            scalar = haversine_km(float(lat1[i]), float(lon1[i]), float(lat2[j]), float(lon2[j]))
            assert matrix[i, j] == pytest.approx(scalar, rel=1e-12)


def test_haversine_is_zero_for_one_point_and_symmetric() -> None:
    assert haversine_km(52.0, 5.0, 52.0, 5.0) == 0.0
    assert haversine_km(52.0, 5.0, 51.0, 4.0) == pytest.approx(haversine_km(51.0, 4.0, 52.0, 5.0))


# --- caching and robustness -----------------------------------------------------------------


def test_hints_are_part_of_the_cache_key(geo: Geocoder) -> None:
    assert geo.locate("3511").country == "NL"
    assert geo.locate("3511", country_hint="BE").country == "BE"
    assert geo.locate("3511").country == "NL"


def test_results_do_not_depend_on_the_instance() -> None:
    answers = ["3511", "Mechelen", "Amersfort", "B-2000", "xyzzy"]
    assert [Geocoder().locate(a) for a in answers] == [Geocoder().locate(a) for a in answers]


def test_default_geocoder_is_shared() -> None:
    assert default_geocoder() is default_geocoder()
    assert default_geocoder().default_country == "NL"


@given(
    st.one_of(
        st.none(),
        st.text(max_size=80),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
    ),
    st.sampled_from([None, "NL", "BE", "België", "Mars", ""]),
)
def test_locate_never_raises(value: object, hint: str | None) -> None:
    match = default_geocoder().locate(value, country_hint=hint, place_hint="Hasselt")
    assert match.status in STATUSES
    located = match.status in ("ok", "guessed")
    assert (match.lat is not None) is located and (match.country is not None) is located
    if located:
        assert match.country in ("NL", "BE") and math.isfinite(match.lat)
    else:
        assert match.how == ""
