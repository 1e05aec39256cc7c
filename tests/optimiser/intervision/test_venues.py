import numpy as np
import pytest

from optimiser.intervision.venues import (
    ROAD_FACTOR,
    Venue,
    read_venues_csv,
    representative_venues,
    road_km,
)


def test_road_km_is_1_3_times_the_great_circle():
    one_degree_of_latitude = 6371.0088 * np.pi / 180
    assert road_km(52.0, 5.0, 53.0, 5.0) == pytest.approx(ROAD_FACTOR * one_degree_of_latitude)
    assert road_km(52.0, 5.0, 52.0, 5.0) == 0


def test_read_venues_csv(tmp_path):
    path = tmp_path / "venues.csv"
    path.write_text("name,lat,lon\nUtrecht CS,52.089,5.110\n Zwolle ,52.5,6.09\n", "utf-8")
    assert read_venues_csv(path) == (Venue("Utrecht CS", 52.089, 5.11), Venue("Zwolle", 52.5, 6.09))
    path.write_text("name,latitude\nX,1\n", "utf-8")
    with pytest.raises(ValueError, match="lat, lon"):
        read_venues_csv(path)


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
