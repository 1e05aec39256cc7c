import numpy as np
import pytest

from optimiser.intervision.venues import (
    Venue,
    representative_venues,
    town_venues,
)
from road import ROAD_FACTOR, road_km


def test_road_km_is_1_3_times_the_great_circle():
    one_degree_of_latitude = 6371.0088 * np.pi / 180
    assert road_km(52.0, 5.0, 53.0, 5.0) == pytest.approx(ROAD_FACTOR * one_degree_of_latitude)
    assert road_km(52.0, 5.0, 52.0, 5.0) == 0


def test_few_locations_are_all_venues_named_by_place():
    lat = np.array([52.0, 52.0, 51.0, np.nan])
    lon = np.array([5.0, 5.0, 4.0, np.nan])
    venues = representative_venues(lat, lon, ["Utrecht", "Utrecht", None, "Nowhere"], 40)
    assert venues == (Venue("Utrecht", 52.0, 5.0), Venue("51.000, 4.000", 51.0, 4.0))


def test_many_locations_are_bounded_deterministic_member_places():
    rng = np.random.default_rng(3)
    lat, lon = rng.uniform(51, 53, 500), rng.uniform(4, 6.5, 500)
    places = [f"P{i}" for i in range(500)]
    venues = representative_venues(lat, lon, places, 12)
    assert 1 <= len(venues) <= 12
    assert venues == representative_venues(lat, lon, places, 12)
    members = set(zip(lat.tolist(), lon.tolist(), strict=True))
    assert all((v.lat, v.lon) in members for v in venues)


TOWNS = (
    Venue("Utrecht", 52.09, 5.12),
    Venue("Amersfoort", 52.16, 5.39),
    Venue("Zwolle", 52.51, 6.09),
    Venue("Maastricht", 50.85, 5.69),
)


def test_members_meet_in_their_nearest_town_not_their_village():
    # Houten, Soest and Kampen: villages and small towns near Utrecht, Amersfoort, Zwolle
    lat = np.array([52.03, 52.17, 52.55, np.nan])
    lon = np.array([5.17, 5.30, 5.91, np.nan])
    assert town_venues(lat, lon, TOWNS, 40) == TOWNS[:3]  # Maastricht is near no one


def test_town_venues_are_bounded_deterministic_towns():
    rng = np.random.default_rng(5)
    lat, lon = rng.uniform(50.8, 53.2, 400), rng.uniform(3.5, 7.0, 400)
    spots = zip(rng.uniform(50.8, 53.2, 300), rng.uniform(3.5, 7.0, 300), strict=True)
    towns = tuple(Venue(f"T{i}", float(a), float(b)) for i, (a, b) in enumerate(spots))
    venues = town_venues(lat, lon, towns, 12)
    assert 1 <= len(venues) <= 12
    assert set(venues) <= set(towns)
    assert venues == town_venues(lat, lon, towns, 12)
    assert town_venues(np.array([np.nan]), np.array([np.nan]), towns, 12) == ()
