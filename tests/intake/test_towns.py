from intake.towns import population_of, towns_from


def test_villages_seen_as_meeting_places_are_below_the_default_threshold():
    # issue 12 point 5: groups met in Oterleek, Ankeveen and Zwammerdam
    for village in ("Oterleek", "Ankeveen", "Zwammerdam"):
        assert population_of(village) < 15_000


def test_a_main_town_missing_from_geonames_gets_its_municipalitys_share():
    # GeoNames says Houten (the town) has 1,335 inhabitants; the municipality has 50,223
    assert population_of("Houten") > 15_000
    # Tynaarlo is one village of the municipality Tynaarlo, not its main town
    assert population_of("Tynaarlo") < 15_000


def test_towns_from_keeps_towns_of_both_countries_largest_first():
    towns = towns_from(15_000)
    assert {t.country for t in towns} == {"NL", "BE"}
    assert all(t.population >= 15_000 for t in towns)
    assert [t.population for t in towns] == sorted((t.population for t in towns), reverse=True)
    assert {"Amsterdam", "Alkmaar", "Hilversum", "Gent"} <= {t.name for t in towns}
