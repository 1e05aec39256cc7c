"""The one road-distance estimate: scalar and vectorised forms agree, and the central-angle
form the feasibility diagnosis uses is the same distance."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from road import (
    ROAD_FACTOR,
    cosine_of_road_km,
    haversine_km,
    road_km,
    road_km_of_cosine,
    unit_vectors,
)

LATITUDES = st.floats(49.0, 54.0)
LONGITUDES = st.floats(2.0, 8.0)


def test_road_km_is_the_road_factor_times_the_great_circle() -> None:
    one_degree_of_latitude = 2 * np.pi * 6371.0088 / 360
    assert road_km(52.0, 5.0, 53.0, 5.0) == pytest.approx(ROAD_FACTOR * one_degree_of_latitude)
    assert road_km(52.0, 5.0, 52.0, 5.0) == 0.0
    assert isinstance(road_km(52.0, 5.0, 51.0, 4.0), float)
    assert np.isnan(road_km(np.array([np.nan]), np.array([5.0]), 52.0, 5.0)).all()


@settings(max_examples=60, deadline=None)
@given(LATITUDES, LONGITUDES, LATITUDES, LONGITUDES)
def test_scalar_vector_and_angle_forms_agree(lat1, lon1, lat2, lon2) -> None:
    scalar = road_km(lat1, lon1, lat2, lon2)
    vector = road_km(np.array([lat1]), np.array([lon1]), np.array([lat2]), np.array([lon2]))
    points = unit_vectors([lat1, lat2], [lon1, lon2])
    angle = road_km_of_cosine(points[0] @ points[1])
    assert vector[0] == pytest.approx(scalar, abs=1e-9)
    assert angle == pytest.approx(scalar, abs=1e-3)  # arccos is less precise near 0
    assert scalar == pytest.approx(road_km(lat2, lon2, lat1, lon1))
    assert haversine_km(lat1, lon1, lat2, lon2) == pytest.approx(scalar / ROAD_FACTOR)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0, 400.0))
def test_a_limit_as_a_cosine_round_trips(km) -> None:
    assert road_km_of_cosine(cosine_of_road_km(km)) == pytest.approx(km, abs=1e-3)


def test_no_limit_admits_every_point() -> None:
    assert cosine_of_road_km(np.array([np.nan]))[0] == pytest.approx(-1.0)
