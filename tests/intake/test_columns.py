"""Header matching: single headers by meaning, whole export rows, collisions, mapping files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.columns import (
    CANONICAL_FIELDS,
    MIN_CONFIDENCE,
    VOCABULARY_PATH,
    ColumnMatch,
    FormSource,
    detect_source,
    load_mapping_file,
    match_columns,
    multi_value_separator,
)


def field_of(header: str) -> str | None:
    """The field of one header on a hand sheet of its own."""
    [match] = match_columns([header])
    return match.field


def fields_of(headers: list[str]) -> list[str | None]:
    return [match.field for match in match_columns(headers)]


SINGLE_HEADERS = [
    # short Dutch and English labels
    ("Naam", "name"),
    ("Name", "name"),
    ("Volledige naam", "name"),
    ("Voor- en achternaam", "name"),
    ("Voornaam", "first_name"),
    ("First name", "first_name"),
    ("Achternaam", "last_name"),
    ("Surname", "last_name"),
    ("E-mail", "email"),
    ("Email Address", "email"),
    ("E-mailadres", "email"),
    ("Functie", "function"),
    ("Job title", "function"),
    ("Org.", "organisation"),
    ("Organisatie", "organisation"),
    ("Werkgever", "organisation"),
    ("Team/afdeling", "team"),
    ("Afdeling", "team"),
    ("Organisatie-eenheid", "team"),
    ("Department", "team"),
    ("Leidinggevende", "manager"),
    ("PC", "location"),
    ("Postcode", "location"),
    ("Woonplaats", "location"),
    ("Werklocatie", "location"),
    ("Place of work", "location"),
    ("Land", "country"),
    ("Country", "country"),
    ("Max reistijd", "max_travel"),
    ("Max. reisafstand (km)", "max_travel"),
    ("Travel time", "max_travel"),
    ("Ervaring", "experience"),
    ("Opmerkingen", "remarks"),
    ("Comments", "remarks"),
    ("Leerstijl", "learning_style"),
    ("Leervragen", "learning_goals"),
    ("Learning goals", "learning_goals"),
    ("Leren/geven", "learn_give"),
    ("Dagdelen", "meeting_moments"),
    ("Procesbegeleider", "facilitator_wish"),
    ("Liever niet met", "avoid"),
    # Forms metadata
    ("Tijdstip van voltooien", "submitted_at"),
    ("Completion time", "submitted_at"),
    ("Tijdstempel", "submitted_at"),
    ("Timestamp", "submitted_at"),
    ("Begintijd", "started_at"),
    ("Start time", "started_at"),
    ("Tijdstip van laatste wijziging", "modified_at"),
    ("Last modified time", "modified_at"),
    # full question texts, including some that are not in the vocabulary word for word
    ("Kom je vooral om te leren of om te geven?", "learn_give"),
    ("Wil je vooral iets halen of iets brengen in de groep?", "learn_give"),
    ("Which times suit you?", "meeting_moments"),
    ("Op welke momenten kun je bijeenkomen? (meerdere antwoorden mogelijk)", "meeting_moments"),
    ("Welke dagdelen passen jou? (optional)", "meeting_moments"),
    ("Wat is je functie?", "function"),
    ("Wat is jouw functie binnen de organisatie?", "function"),
    ("Hoeveel tijd wil je er echt voor vrijmaken?", "time_budget"),
    ("How many hours a month can you free up for intervision?", "time_budget"),
    ("Hoe leer jij het beste?", "learning_style"),
    ("Wat is volgens jou je leerstijl (Kolb)?", "learning_style"),
    ("Wat wil je leren in de intervisie?", "learning_goals"),
    ("Wat is je belangrijkste leervraag voor dit jaar?", "learning_goals"),
    ("Wie is je leidinggevende?", "manager"),
    ("Wie is jouw directe leidinggevende (naam of e-mail)?", "manager"),
    ("Met wie zou je liever niet in een groep zitten?", "avoid"),
    ("Is there anyone you would rather not be in a group with?", "avoid"),
    ("Hoe ver wil je maximaal reizen?", "max_travel"),
    ("Hoeveel minuten reistijd vind je acceptabel?", "max_travel"),
    ("Heb je eerder aan intervisie deelgenomen?", "experience"),
    ("How much experience do you have with peer consultation?", "experience"),
    ("Wil je een procesbegeleider?", "facilitator_wish"),
    ("Zou je het prettig vinden als een begeleider de eerste sessies leidt?", "facilitator_wish"),
    ("Bij welke zorgorganisatie ben je werkzaam?", "organisation"),
    ("In welk team of op welke afdeling werk je?", "team"),
    ("Wat is de postcode van je werkadres?", "location"),
    ("In welke plaats werk je?", "location"),
    ("Heb je verder nog opmerkingen of vragen?", "remarks"),
    ("What is your e-mail address?", "email"),
    ("Wat is je rol in het team?", "function"),
    ("Werkzaam als", "function"),
    ("Welke casuïstiek wil je inbrengen?", "learning_goals"),
    ("Welk type leerder ben je? (doener, dromer, denker, beslisser)", "learning_style"),
    ("Ik wil graag: leren / geven / beide", "learn_give"),
    ("Wanneer ben je beschikbaar? Meerdere antwoorden mogelijk.", "meeting_moments"),
    ("Ben je nieuw met intervisie?", "experience"),
    ("Naam collega's die je liever niet in je groep hebt", "avoid"),
    ("Postcode werkadres (4 cijfers)", "location"),
    ("Hoe lang mag de reis maximaal duren?", "max_travel"),
    ("Mag er een begeleider bij?", "facilitator_wish"),
    ("Werkt u in Nederland of België?", "country"),
    # traps
    ("Mailadres leidinggevende", "manager"),
    ("Your manager's email", "manager"),
    ("Wie is je teamleider of manager?", "manager"),
    ("Heb je een functie als leidinggevende?", "level"),
    ("Are you a team leader?", "level"),
    ("Zit je in het MT?", "level"),
    ("Teamleider", "manager"),
    ("Naam teamleider", "manager"),
    ("Naam leidinggevende", "manager"),
    ("E-mail leidinggevende", "manager"),
    ("Manager's e-mail", "manager"),
    ("Reports to", "manager"),
    ("Functieniveau", "level"),
    ("Hiërarchisch niveau", "level"),
    ("Salarisschaal", "level"),
    ("Leidinggevende functie? ja/nee", "level"),
    ("Ben je zelf leidinggevende?", "level"),
    ("Do you manage people?", "level"),
    # typos
    ("Organisatei", "organisation"),
    ("Emial", "email"),
    ("Leidinggevnde", "manager"),
    ("Opmerkignen", "remarks"),
    ("Woonplaast", "location"),
    ("Postocde", "location"),
    ("Wie is je leidinggevnde?", "manager"),
    # unknown columns are carried along
    ("Dieetwensen", None),
    ("T-shirt size", None),
    ("Geboortedatum", None),
    ("Telefoonnummer", None),
    ("Opleidingsniveau", None),
    ("Personeelsnummer", None),
    ("Akkoord met de privacyverklaring", None),
    ("Hoe heb je over dit programma gehoord?", None),
    ("Aantal jaren werkervaring", None),
    ("Aantal jaar ervaring als verpleegkundige", None),  # work, not intervision experience
    ("Hoe vaak wil je bijeenkomen?", None),  # frequency, not moments
    ("Waar wil je bijeenkomen?", None),  # meeting place, not the participant's location
    ("Met wie wil je juist wel in een groep?", None),  # the opposite of avoid
    ("Aanstelling (uren per week)", None),  # contract hours, not a time budget
    ("In welke regio werk je?", None),
    ("Straat", None),
    ("Tussenvoegsel", None),
    ("Vraag 1", None),
    ("Unnamed: 3", None),
    ("", None),
    ("   ", None),
    ("ID", None),  # an ID on a hand sheet is an ordinary column, not Forms metadata
]


@pytest.mark.parametrize(("header", "expected"), SINGLE_HEADERS)
def test_single_header_maps_by_meaning(header: str, expected: str | None) -> None:
    assert field_of(header) == expected


@pytest.mark.parametrize("header", ["Dieetwensen", "T-shirt size", ""])
def test_unknown_column_is_unmatched_with_zero_confidence(header: str) -> None:
    [match] = match_columns([header])
    assert (match.field, match.how, match.confidence) == (None, "unmatched", 0.0)


@pytest.mark.parametrize(
    ("header", "how", "minimum", "maximum"),
    [
        ("Email", "exact", 1.0, 1.0),
        ("Leidinggevende", "synonym", 1.0, 1.0),
        ("Hoe leer jij het beste?", "question text", 1.0, 1.0),
        ("Naam van je teamleider", "question text", 0.8, 0.95),
        ("Organisatei", "fuzzy", MIN_CONFIDENCE, 0.9),
    ],
)
def test_confidence_follows_how_the_match_was_made(
    header: str, how: str, minimum: float, maximum: float
) -> None:
    [match] = match_columns([header])
    assert match.how == how
    assert minimum <= match.confidence <= maximum


MS_FORMS_NL = [
    "ID",
    "Begintijd",
    "Tijdstip van voltooien",
    "E-mail",
    "Naam",
    "Tijdstip van laatste wijziging",
    "Wat is je functie?",
    "Bij welke organisatie werk je?",
    "In welk team werk je?",
    "Wie is je leidinggevende?",
    "Kom je vooral om te leren of om te geven?",
    "Wat wil je leren in de intervisie?",
    "Hoe leer jij het beste?",
    "Hoeveel tijd wil je er echt voor vrijmaken?",
    "Op welke momenten kun je bijeenkomen? (meerdere antwoorden mogelijk)",
    "Wat is de postcode van je werkplek?",
    "Hoe ver wil je maximaal reizen?",
    "Heb je eerder aan intervisie deelgenomen?",
    "Met wie zou je liever niet in een groep zitten?",
    "Wil je een procesbegeleider?",
    "Opmerkingen",
]
MS_FORMS_NL_FIELDS = [
    "form_id",
    "started_at",
    "submitted_at",
    "email",
    "name",
    "modified_at",
    "function",
    "organisation",
    "team",
    "manager",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget",
    "meeting_moments",
    "location",
    "max_travel",
    "experience",
    "avoid",
    "facilitator_wish",
    "remarks",
]

MS_FORMS_EN = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
    "What is your full name?",
    "What is your job title?",
    "Which organisation do you work for?",
    "Which department do you work in?",
    "Are you a manager?",
    "Who is your line manager?",
    "Do you come mainly to learn or to give?",
    "What do you want to learn?",
    "How do you learn best?",
    "How much time can you make available?",
    "Which times suit you?",
    "What is your postcode?",
    "In which country do you work?",
    "How far are you willing to travel?",
    "Have you taken part in intervision before?",
    "Who would you rather not be in a group with?",
    "Would you like a facilitator?",
    "Anything else you would like to tell us?",
    "Total points",
]
MS_FORMS_EN_FIELDS = [
    "form_id",
    "started_at",
    "submitted_at",
    "email",
    None,  # the account name gives way to the name question
    "modified_at",
    "name",
    "function",
    "organisation",
    "team",
    "level",
    "manager",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget",
    "meeting_moments",
    "location",
    "country",
    "max_travel",
    "experience",
    "avoid",
    "facilitator_wish",
    "remarks",
    None,
]

GOOGLE_FORMS = [
    "Tijdstempel",
    "E-mailadres",
    "Voornaam",
    "Achternaam",
    "Wat is je functie?",
    "Bij welke organisatie werk je?",
    "Op welke afdeling werk je?",
    "Heb je een leidinggevende functie?",
    "Wat is de naam van je leidinggevende?",
    "Kom je om te leren of te geven?",
    "Wat zijn je leerdoelen?",
    "Welke leerstijl past het best bij jou?",
    "Hoeveel uur per maand wil je besteden?",
    "Welke dagdelen komen jou het best uit?",
    "Wat is je postcode?",
    "Wat is je woonplaats?",
    "Hoeveel kilometer wil je maximaal reizen?",
    "Heb je ervaring met intervisie?",
    "Zijn er mensen met wie je liever niet in een groep zit?",
    "Heb je behoefte aan een procesbegeleider?",
    "Wil je nog iets kwijt?",
]
GOOGLE_FORMS_FIELDS = [
    "submitted_at",
    "email",
    "first_name",
    "last_name",
    "function",
    "organisation",
    "team",
    "level",
    "manager",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget",
    "meeting_moments",
    "location",
    "place_hint",
    "max_travel",
    "experience",
    "avoid",
    "facilitator_wish",
    "remarks",
]

HAND_SHEET = [
    "Nr",
    "Naam",
    "E-mail",
    "Functie",
    "Org.",
    "Team/afdeling",
    "Niveau",
    "Leidinggevende",
    "Leren/geven",
    "Leervraag",
    "Leerstijl",
    "Uren per maand",
    "Voorkeursmoment",
    "PC",
    "Woonplaats",
    "Land",
    "Max reistijd",
    "Ervaring",
    "Niet met",
    "Begeleider",
    "Opmerkingen",
    "Dieetwensen",
]
HAND_SHEET_FIELDS = [
    None,
    "name",
    "email",
    "function",
    "organisation",
    "team",
    "level",
    "manager",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget",
    "meeting_moments",
    "location",
    "place_hint",
    "country",
    "max_travel",
    "experience",
    "avoid",
    "facilitator_wish",
    "remarks",
    None,
]


@pytest.mark.parametrize(
    ("headers", "expected", "source"),
    [
        (MS_FORMS_NL, MS_FORMS_NL_FIELDS, FormSource.MICROSOFT_FORMS),
        (MS_FORMS_EN, MS_FORMS_EN_FIELDS, FormSource.MICROSOFT_FORMS),
        (GOOGLE_FORMS, GOOGLE_FORMS_FIELDS, FormSource.GOOGLE_FORMS),
        (HAND_SHEET, HAND_SHEET_FIELDS, FormSource.HAND),
    ],
    ids=["ms-forms-nl", "ms-forms-en", "google-forms-nl", "hand-sheet"],
)
def test_realistic_header_rows_map_completely(
    headers: list[str], expected: list[str | None], source: FormSource
) -> None:
    assert detect_source(headers) == source
    assert fields_of(headers) == expected


def test_matches_keep_position_and_header_text() -> None:
    matches = match_columns(HAND_SHEET)
    assert [(match.index, match.header) for match in matches] == list(enumerate(HAND_SHEET))


@pytest.mark.parametrize(
    ("source", "separator"),
    [(FormSource.MICROSOFT_FORMS, ";"), (FormSource.GOOGLE_FORMS, ", "), (FormSource.HAND, ";")],
)
def test_multi_value_separator_per_source(source: FormSource, separator: str) -> None:
    assert multi_value_separator(source) == separator


@pytest.mark.parametrize(
    ("headers", "source"),
    [
        (["ID", "Start time", "Completion time", "Email", "Q1"], FormSource.MICROSOFT_FORMS),
        (["ID", "Begintijd", "Tijdstip van voltooien", "Vraag 1"], FormSource.MICROSOFT_FORMS),
        (["Timestamp", "Email Address", "Name"], FormSource.GOOGLE_FORMS),
        (["Tijdstempel", "Naam"], FormSource.GOOGLE_FORMS),
        (["Naam", "Tijdstempel"], FormSource.HAND),
        (["ID", "Naam", "Functie"], FormSource.HAND),
        ([], FormSource.HAND),
    ],
)
def test_detect_source(headers: list[str], source: FormSource) -> None:
    assert detect_source(headers) == source


def test_ms_forms_account_name_gives_way_to_name_question_with_a_note() -> None:
    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Wat is je naam?"]
    matches = match_columns(headers)
    account, question = matches[4], matches[5]
    assert (question.field, question.confidence) == ("name", 1.0)
    assert account.field is None
    assert "Wat is je naam?" in account.note
    assert matches[3].field == "email"  # no e-mail question, so the account column stays


def test_even_a_weakly_matched_question_beats_the_account_column() -> None:
    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Uw naam graag"]
    matches = match_columns(headers)
    assert matches[5].field == "name"
    assert matches[5].confidence < matches[4].confidence
    assert matches[4].field is None
    assert "account" in matches[4].note


@pytest.mark.parametrize(
    "headers",
    [
        ["ID", "Begintijd", "Tijdstip van voltooien", "E-mail", "Naam", "Naam"],
        [
            "ID",
            "Begintijd",
            "Tijdstip van voltooien",
            "E-mail",
            "Naam",
            "Tijdstip van laatste wijziging",
            "Naam",
        ],
    ],
)
def test_name_question_with_the_account_header_text_wins(headers: list[str]) -> None:
    fields = fields_of(headers)
    assert fields[4] is None
    assert fields[-1] == "name"


def test_name_column_on_a_hand_sheet_is_not_an_account_column() -> None:
    matches = match_columns(["Tijdstip", "Naam", "Wat is je naam?"])
    assert [match.field for match in matches[1:]] == ["name", None]


def test_account_columns_stay_mapped_without_a_competing_question() -> None:
    matches = match_columns(MS_FORMS_NL)
    assert [match.field for match in matches[3:5]] == ["email", "name"]
    assert all(match.confidence < 1.0 and "account" in match.note for match in matches[3:5])


def test_completion_time_and_start_time_are_not_confused() -> None:
    assert fields_of(["Begintijd", "Tijdstip van voltooien"]) == ["started_at", "submitted_at"]


def test_collision_best_confidence_wins_and_loser_explains() -> None:
    matches = match_columns(["Organisatei", "Organisatie"])
    assert [match.field for match in matches] == [None, "organisation"]
    assert 'column 2 "Organisatie"' in matches[0].note


def test_collision_tie_goes_to_leftmost() -> None:
    matches = match_columns(["Functie", "Beroep"])
    assert [match.field for match in matches] == ["function", None]
    assert "Functie" in matches[1].note


def test_postcode_is_location_and_place_is_hint_in_either_order() -> None:
    assert fields_of(["Woonplaats", "Postcode"]) == ["place_hint", "location"]
    assert fields_of(["Postcode", "Woonplaats"]) == ["location", "place_hint"]


def test_without_postcode_best_place_column_is_location() -> None:
    matches = match_columns(["Naam", "Woonplaats", "Werklocatie"])
    assert [match.field for match in matches] == ["name", "location", None]
    assert "no postcode" in matches[1].note


def test_mapping_override_and_ignore(tmp_path: Path) -> None:
    mapping_path = tmp_path / "mapping.toml"
    mapping_path.write_text(
        '[columns]\n"wat is UW  huidige rol?" = "function"\n"Opmerkingen" = "ignore"\n',
        encoding="utf-8",
    )
    mapping = load_mapping_file(mapping_path)
    assert mapping == {"wat is UW  huidige rol?": "function", "Opmerkingen": None}

    headers = ["Naam", "Functie", "Wat is uw huidige rol?", "Opmerkingen"]
    matches = match_columns(headers, mapping)
    assert [match.field for match in matches] == ["name", None, "function", None]
    assert matches[2].how == "mapping file"
    assert matches[3].how == "ignored by mapping file"
    assert "mapping file" in matches[1].note


def test_mapping_can_assign_a_field_to_an_unknown_column() -> None:
    matches = match_columns(["Naam", "Interne code"], {"interne code": "team"})
    assert [(match.field, match.how) for match in matches] == [
        ("name", "synonym"),
        ("team", "mapping file"),
    ]


def test_mapping_file_with_bad_field_lists_valid_names(tmp_path: Path) -> None:
    mapping_path = tmp_path / "mapping.toml"
    mapping_path.write_text('[columns]\n"Rol" = "job"\n', encoding="utf-8")
    with pytest.raises(ValueError, match='unknown field "job"') as error:
        load_mapping_file(mapping_path)
    assert all(field in str(error.value) for field in CANONICAL_FIELDS)
    assert "ignore" in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('"Rol" = "function"\n', r"\[columns\]"),
        ("[columns\n", "not valid TOML"),
        ('[columns]\n"Rol" = 3\n', "field name in quotes"),
        ('[columns]\n"Rol" = "function"\n"rol " = "team"\n', "same header"),
    ],
)
def test_mapping_file_errors_are_value_errors(tmp_path: Path, content: str, message: str) -> None:
    mapping_path = tmp_path / "mapping.toml"
    mapping_path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_mapping_file(mapping_path)


def test_override_with_bad_field_is_rejected() -> None:
    with pytest.raises(ValueError, match="use one of"):
        match_columns(["Rol"], {"Rol": "job"})


def test_vocabulary_covers_every_field_richly() -> None:
    fields = tomllib.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))["fields"]
    assert set(fields) == set(CANONICAL_FIELDS)
    metadata = {"form_id", "started_at", "modified_at", "submitted_at"}
    for field in set(CANONICAL_FIELDS) - metadata:
        entry = fields[field]
        assert len(entry["labels"]) + len(entry["questions"]) >= 8, field
        assert entry["keywords"], field


def test_every_vocabulary_entry_maps_to_its_own_field() -> None:
    """A label or question must not be shadowed by another field's entry."""
    fields = tomllib.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))["fields"]
    for field, entry in fields.items():
        for text in entry.get("labels", []) + entry.get("questions", []):
            [match] = match_columns([text])
            if field == "form_id":  # only in a Microsoft Forms export
                continue
            expected = "location" if field == "place_hint" else field
            assert match.field == expected, text


def test_known_unrelated_columns_stay_unknown() -> None:
    unrelated = tomllib.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))["unrelated"]
    matches = match_columns(unrelated["labels"])
    assert all(match.field is None and match.how == "unmatched" for match in matches)


KNOWN_HEADERS = [header for header, _ in SINGLE_HEADERS] + MS_FORMS_EN + HAND_SHEET


@given(
    st.lists(
        st.one_of(st.sampled_from(KNOWN_HEADERS), st.text(max_size=40)),
        max_size=30,
    )
)
def test_one_match_per_header_no_field_twice_deterministic(headers: list[str]) -> None:
    matches = match_columns(headers)
    assert [(match.index, match.header) for match in matches] == list(enumerate(headers))
    assigned = [match.field for match in matches if match.field is not None]
    assert len(assigned) == len(set(assigned))
    assert set(assigned) <= set(CANONICAL_FIELDS)
    assert all(0.0 <= match.confidence <= 1.0 for match in matches)
    assert all(isinstance(match, ColumnMatch) for match in matches)
    assert match_columns(list(headers)) == matches
