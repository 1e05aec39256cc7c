import pytest

from intake.issues import Severity
from intake.venue_file import read_venues


def test_venues_by_postcode_place_or_coordinates(tmp_path):
    path = tmp_path / "locaties.csv"
    path.write_text(
        "Naam;Postcode;Plaats;lat;lon\n"
        "Kantoor Utrecht;3511 AB;;;\n"
        "Zaal Zwolle;;Zwolle;;\n"
        "Gent;;;51,05;3,72\n",
        "utf-8",
    )
    found = read_venues(path)
    assert found.ok and not found.issues
    assert [(v.name, v.row) for v in found.venues] == [
        ("Kantoor Utrecht", 2),
        ("Zaal Zwolle", 3),
        ("Gent", 4),
    ]
    assert found.venues[0].lat == pytest.approx(52.09, abs=0.02)
    assert found.venues[2].lon == pytest.approx(3.72)


def test_every_bad_row_is_named_by_file_row_and_column(tmp_path):
    path = tmp_path / "venues.csv"
    path.write_text(
        "name,place,lat,lon\n"
        "Good,Amersfoort,,\n"
        "Nowhere,Qwxzyvlk,,\n"
        "Bad coordinates,,north,5\n"
        "No place,,,\n",
        "utf-8",
    )
    found = read_venues(path)
    assert not found.ok
    assert [v.name for v in found.venues] == ["Good"]
    assert [(i.severity, i.file, i.row, i.column) for i in found.issues] == [
        (Severity.ERROR, "venues.csv", 3, "place"),
        (Severity.ERROR, "venues.csv", 4, "lat"),
        (Severity.ERROR, "venues.csv", 5, "place"),
    ]
    assert "Qwxzyvlk" in found.issues[0].message_en
    assert "weggelaten" in found.issues[0].message_nl


def test_a_file_without_location_columns_says_what_it_needs(tmp_path):
    path = tmp_path / "venues.csv"
    path.write_text("name,room\nA,1\n", "utf-8")
    found = read_venues(path)
    assert not found.ok and not found.venues
    assert "postcode or place" in found.issues[0].message_en
