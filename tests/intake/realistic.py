"""Four intake files as coordinators export them, written by hand for these tests (not with
``intake.samples``, whose phrasing the reader was tuned on): Microsoft Forms in Dutch, Google
Forms in English, a hand-made sheet and a Dutch Excel ';' CSV in Windows-1252.

Each holds the four real problems a coordinator must see: a bare postcode that is Dutch and
Belgian, a manager name that fits two participants, a second submission by one person and an
invalid e-mail address. All people are fictional.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import openpyxl

FIRST = [
    "Anouk", "Bas", "Chantal", "Daan", "Eline", "Fleur", "Gijs", "Hanneke", "Ilse", "Jeroen",
    "Karin", "Lotte", "Mark", "Noor", "Okke", "Petra", "Quinten", "Roos", "Sander", "Tessa",
    "Ursula", "Vincent", "Wendy", "Yara", "Zoë", "Mohamed", "Fatma", "Thijs", "Sanne", "Koen",
    "Marieke", "Ruben", "Esther", "Jasper", "Lieke", "Niels", "Iris", "Stijn", "Femke", "Bram",
]
LAST = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Özdemir", "Goossens", "Claes", "Maes", "Willems", "Kok", "Verhoeven",
]
FUNCTIONS_NL = [
    "Wijkverpleegkundige", "wijkverpleegkundige", "Verpleegkundige", "Praktijkondersteuner GGZ",
    "POH-GGZ", "Jeugdconsulent", "Maatschappelijk werker", "Fysiotherapeut", "HR-adviseur",
    "Beleidsmedewerker", "Teamleider wijkzorg", "Huisarts", "GZ-psycholoog", "Wmo-consulent",
]
FUNCTIONS_EN = [
    "Community nurse", "Nurse", "Mental health nurse", "Youth worker", "Social worker",
    "Physiotherapist", "HR advisor", "Policy officer", "Team lead", "GP", "Psychologist",
]
PLACES = [
    ("3511 AB", "Utrecht"), ("3812 PK", "Amersfoort"), ("6811 AA", "Arnhem"),
    ("2511 CV", "Den Haag"), ("1012 JS", "Amsterdam"), ("3817 HD", "Amersfoort"),
    ("3431 AK", "Nieuwegein"), ("3701 AA", "Zeist"), ("3311 AA", "Dordrecht"),
    ("3581 KP", "Utrecht"), ("7311 AA", "Apeldoorn"), ("3771 AA", "Barneveld"),
]
AMBIGUOUS_POSTCODE = "3512"  # Utrecht and Stevoort (BE)
GOALS_NL = [
    "Omgaan met lastige gesprekken met cliënten", "Grenzen stellen in mijn werk",
    "Samenwerken met huisartsen", "Beter reflecteren op mijn handelen", "Omgaan met werkdruk",
    "Feedback geven aan collega's", "Ethische dilemma's bespreken",
]
GOALS_EN = [
    "Handling difficult conversations", "Setting boundaries", "Working with GPs",
    "Reflecting on my own practice", "Coping with workload", "Giving feedback",
]


def _people(seed: int, count: int) -> list[dict[str, object]]:
    """Participants with a real problem planted in rows 3 (postcode), 5 and 6 (two people of
    one name, named as a manager in row 7), 9 (invalid e-mail) and a repeat of row 2."""
    rng = random.Random(seed)
    people = []
    used: set[str] = set()
    while len(people) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in used:
            continue
        used.add(name)
        first, last = name.split(" ", 1)
        handle = f"{first}.{last.replace(' ', '')}".lower()
        postcode, place = rng.choice(PLACES)
        people.append(
            {
                "name": name,
                "email": f"{handle}@{rng.choice(['zorgnet.nl', 'welzijn-oost.nl', 'ggd.nl'])}",
                "org": rng.choice(["Zorgnet", "Welzijn Oost", "GGD Midden"]),
                "team": rng.choice(["Team Noord", "Team Zuid", "Team West", "Team Oost", "Team A"]),
                "postcode": postcode,
                "place": place,
                "level": rng.choice([0, 0, 0, 1, 1, 2]),
                "manager": "",
                "when": dt.datetime(2026, 3, 1, 9) + dt.timedelta(hours=len(people) * 3),
            }
        )
    people[1]["postcode"] = AMBIGUOUS_POSTCODE
    twin = people[3]["name"]
    people[4]["name"] = twin
    people[4]["org"] = "Welzijn Oost" if people[3]["org"] != "Welzijn Oost" else "Zorgnet"
    people[5]["manager"] = twin
    people[7]["email"] = str(people[7]["email"]).replace(".nl", "")
    repeat = dict(people[0])
    repeat["when"] = dt.datetime(2026, 3, 20, 14)
    people.append(repeat)
    return people


def _pick(rng: random.Random, options: list[str]) -> str:
    return rng.choice(options)


def msforms_nl(path: Path, count: int = 40) -> Path:
    """Microsoft Forms, Dutch, signed-in respondents: metadata columns (the Naam column
    stays empty, the name is asked), question texts, ';'-joined choices."""
    rng = random.Random(1)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(
        [
            "ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Wat is je naam?",
            "Wat is je functie?", "Bij welke organisatie werk je?", "In welk team werk je?",
            "Wat is je positie?", "Wie is je leidinggevende?",
            "Kom je vooral om te leren of om te geven?", "Wat wil je leren?",
            "Hoe leer je het liefst?", "Hoeveel uur per maand kun je vrijmaken?",
            "Welke dagdelen passen je?", "Postcode van je werkadres",
            "Hoeveel minuten wil je maximaal reizen?", "Heb je ervaring met intervisie?",
            "Met wie zou je liever niet in een groep zitten?", "Opmerkingen",
        ]
    )  # fmt: skip
    positions = ["Medewerker", "Senior medewerker", "Teamleider", "Manager"]
    for number, person in enumerate(_people(11, count), start=1):
        sheet.append(
            [
                number, person["when"], person["when"] + dt.timedelta(minutes=7),
                person["email"], "", person["name"], _pick(rng, FUNCTIONS_NL), person["org"],
                person["team"], positions[int(person["level"])], person["manager"],
                _pick(rng, ["Leren", "Geven", "Allebei", "Vooral leren"]),
                _pick(rng, GOALS_NL),
                _pick(rng, ["Door te doen", "Door na te denken", "Kijken", "geen voorkeur"]),
                _pick(rng, ["2", "3", "4", "2,5", "maakt niet uit"]),
                _pick(rng, ["Ochtend;Middag;", "Middag;", "Ochtend;", "Einde middag;Avond;"]),
                person["postcode"], _pick(rng, ["30", "45", "60", "maakt niet uit"]),
                _pick(rng, ["Nee", "Een beetje", "Ja, veel"]), "", "",
            ]
        )  # fmt: skip
    book.save(path)
    return path


def gforms_en(path: Path, count: int = 40) -> Path:
    """Google Forms, English: timestamp, e-mail, comma-joined checkboxes, km in the header."""
    rng = random.Random(2)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form Responses 1"
    sheet.append(
        [
            "Timestamp", "Email Address", "Full name", "Job title", "Organisation", "Team",
            "Your role level", "Who is your manager?", "Do you come mainly to learn or to give?",
            "What would you like to learn?", "How do you learn best?",
            "Hours per month you can set aside", "Which moments suit you?",
            "Postcode of your workplace", "Maximum travel distance (km)",
            "Experience with intervision", "Anyone you would rather not be grouped with?",
        ]
    )  # fmt: skip
    levels = ["Staff", "Senior", "Team lead", "Manager"]
    for person in _people(12, count):
        sheet.append(
            [
                person["when"], person["email"], person["name"], _pick(rng, FUNCTIONS_EN),
                person["org"], person["team"], levels[int(person["level"])], person["manager"],
                _pick(rng, ["Learn", "Give", "Both"]), _pick(rng, GOALS_EN),
                _pick(rng, ["By doing", "By thinking it through", "By watching", "no preference"]),
                _pick(rng, ["2", "3", "4", "1.5"]),
                _pick(rng, ["Morning, Afternoon", "Afternoon", "Evening", "Morning"]),
                person["postcode"], _pick(rng, ["25", "40", "50", "no preference"]),
                _pick(rng, ["None", "Some", "A lot"]), "",
            ]
        )  # fmt: skip
    book.save(path)
    return path


def hand_sheet(path: Path, count: int = 40) -> Path:
    """A sheet typed by a coordinator: a title row, short headers, free answers."""
    rng = random.Random(3)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deelnemers"
    sheet.append(["Aanmeldingen intervisie voorjaar 2026"])
    sheet.append([])
    sheet.append(
        [
            "Naam", "Mail", "Functie", "Organisatie", "Afdeling", "Niveau", "Leidinggevende",
            "Postcode", "Plaats", "Reistijd (min)", "Beschikbaar", "Tijd (uren per maand)",
            "Opmerkingen",
        ]
    )  # fmt: skip
    levels = ["medewerker", "senior", "teamleider", "manager"]
    for person in _people(13, count):
        sheet.append(
            [
                person["name"], person["email"], _pick(rng, FUNCTIONS_NL), person["org"],
                person["team"], levels[int(person["level"])], person["manager"],
                person["postcode"], person["place"], _pick(rng, ["30", "45", "60", "20"]),
                _pick(rng, ["ochtend", "middag", "ochtend, middag", "avond"]),
                _pick(rng, ["2", "3", "4"]),
                _pick(rng, ["", "", "wil graag met begeleider", "twijfelt nog"]),
            ]
        )  # fmt: skip
    book.save(path)
    return path


def excel_csv_nl(path: Path, count: int = 40) -> Path:
    """Dutch Excel 'CSV (gescheiden door lijstscheidingsteken)': ';' and Windows-1252."""
    rng = random.Random(4)
    header = [
        "Naam", "E-mailadres", "Functie", "Organisatie", "Team", "Functieniveau",
        "Leidinggevende", "Leren of geven", "Leervraag", "Uren per maand", "Dagdelen",
        "Postcode", "Woonplaats", "Max. afstand (km)", "Ervaring intervisie", "Niet met",
    ]  # fmt: skip
    levels = ["medewerker", "senior medewerker", "teamleider", "manager"]
    rows = [header]
    for person in _people(14, count):
        rows.append(
            [
                person["name"], person["email"].replace("ë", "e"), _pick(rng, FUNCTIONS_NL),
                person["org"], person["team"], levels[int(person["level"])], person["manager"],
                _pick(rng, ["leren", "geven", "beide"]), _pick(rng, GOALS_NL),
                _pick(rng, ["2", "3", "4", "2,5"]), _pick(rng, ["ochtend", "middag", "avond"]),
                person["postcode"], person["place"], _pick(rng, ["25", "40", "maakt niet uit"]),
                _pick(rng, ["geen", "wat", "veel"]), "",
            ]
        )  # fmt: skip
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    return path


BUILDERS = {
    "msforms_nl.xlsx": msforms_nl,
    "gforms_en.xlsx": gforms_en,
    "hand_sheet.xlsx": hand_sheet,
    "excel_nl.csv": excel_csv_nl,
}
