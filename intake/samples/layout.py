"""Sheet layout per style: hand-made, Microsoft Forms and Google Forms headers and columns."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd

from intake.samples.phrasing import _Row, _Writer
from intake.samples.spec import SampleSpec

_QUESTIONS = {
    "nl": {
        "function": "Wat is je functie?", "organisation": "Bij welke organisatie werk je?",
        "team": "In welk team of op welke afdeling werk je?",
        "level": "Heb je een leidinggevende functie?",
        "manager": "Wie is je leidinggevende? (naam of e-mail)",
        "learn_give": "Kom je vooral om te leren of om te geven?",
        "goal": "Wat wil je leren in de intervisie?", "style": "Hoe leer jij het beste?",
        "time": "Hoeveel tijd wil je er echt voor vrijmaken?",
        "moments": "Op welke momenten kun je bijeenkomen? (meerdere antwoorden mogelijk)",
        "postcode": "Wat is de postcode van je werkplek?",
        "travel": "Hoe ver wil je maximaal reizen?",
        "experience": "Heb je eerder aan intervisie deelgenomen?",
        "avoid": "Met wie zou je liever niet in een groep zitten?",
        "facilitator": "Wil je een procesbegeleider bij de start?", "remarks": "Opmerkingen",
        "name": "Wat is je naam?",
    },
    "en": {
        "function": "What is your job title?",
        "organisation": "Which organisation do you work for?",
        "team": "Which team or department are you in?", "level": "Do you manage people?",
        "manager": "Who is your manager? (name or e-mail)",
        "learn_give": "Do you mainly come to learn or to give?",
        "goal": "What would you like to learn?", "style": "How do you learn best?",
        "time": "How much time can you really set aside?",
        "moments": "Which times suit you? (multiple answers possible)",
        "postcode": "Postcode of your workplace",
        "travel": "How far are you willing to travel?",
        "experience": "Have you taken part in intervision before?",
        "avoid": "Anyone you would rather not be in a group with?",
        "facilitator": "Would you like a facilitator at the start?", "remarks": "Remarks",
        "name": "What is your name?",
    },
}

_HAND_HEADERS = {
    "nl": {
        "name": "Naam", "email": "E-mail", "function": "Functie", "organisation": "Organisatie",
        "team": "Team", "niveau": "Niveau", "leidinggevend": "Leidinggevende functie",
        "manager": "Leidinggevende", "learn_give": "Leren of geven", "goal": "Leervraag",
        "style": "Leerstijl", "time": "Tijd", "moments": "Momenten", "postcode": "Postcode",
        "place": "Woonplaats", "travel": "Max. reistijd", "experience": "Ervaring intervisie",
        "avoid": "Liever niet met", "facilitator": "Procesbegeleider", "remarks": "Opmerkingen",
    },
    "en": {
        "name": "Name", "email": "Email", "function": "Function", "organisation": "Organisation",
        "team": "Team", "niveau": "Level", "leidinggevend": "Management role",
        "manager": "Manager", "learn_give": "Learn or give", "goal": "Learning goal",
        "style": "Learning style", "time": "Time", "moments": "Moments", "postcode": "Postcode",
        "place": "Place", "travel": "Max. travel", "experience": "Intervision experience",
        "avoid": "Rather not with", "facilitator": "Facilitator", "remarks": "Remarks",
    },
}

_MS_META = {
    "nl": ("ID", "Begintijd", "Tijdstip van voltooien", "E-mail", "Naam",
           "Tijdstip van laatste wijziging"),
    "en": ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
}
_G_META = {"nl": ("Tijdstempel", "E-mailadres"), "en": ("Timestamp", "Email Address")}
_FORM_FIELDS = (
    "function", "organisation", "team", "level", "manager", "learn_give", "goal", "style",
    "time", "moments", "postcode", "travel", "experience", "avoid", "facilitator", "remarks",
)


def _field_values(row: _Row) -> dict[str, Any]:
    person = row.person
    return {
        "name": row.name, "email": row.email, "function": row.function,
        "organisation": person.organisation, "team": row.team, "level": row.level_text,
        "manager": person.manager_ref, "learn_give": row.learn_give, "goal": row.goal,
        "style": row.style, "time": row.time, "moments": row.moments_text,
        "postcode": row.postcode, "place": row.place, "travel": row.travel,
        "experience": row.experience, "avoid": row.avoid, "facilitator": row.facilitator,
        "remarks": row.remarks,
    }


def _layout(rows: list[_Row], writer: _Writer, spec: SampleSpec) -> pd.DataFrame:
    """The sheet exactly as it is written: headers and cell values per style and language."""
    lang = spec.lang
    records: list[list[Any]] = []
    if spec.style == "hand":
        labels = _HAND_HEADERS[lang]
        keys = ["name", "email", "function", "organisation", "team", writer.level_header_kind,
                "manager", "learn_give", "goal", "style", "time", "moments", "postcode",
                "place", "travel", "experience", "avoid", "facilitator", "remarks"]
        headers = [labels[k] for k in keys] + writer.extra_headers
        for row in rows:
            values = _field_values(row)
            values[writer.level_header_kind] = row.level_text
            extras = [row.extras[h] for h in writer.extra_headers]
            records.append([values[k] for k in keys] + extras)
        return pd.DataFrame(records, columns=headers, dtype=object)

    questions = _QUESTIONS[lang]
    extra_q, extra_options = writer.voc["extra_question"][lang]
    with_extra = writer.rng.random() < 0.5
    if spec.style == "msforms":
        with_modified = writer.rng.random() < 0.5
        meta = list(_MS_META[lang][: 6 if with_modified else 5])
        headers = meta + [questions[k] for k in _FORM_FIELDS] + ([extra_q] if with_extra else [])
        for number, row in enumerate(rows, start=1):
            values = _field_values(row)
            started = row.submitted - timedelta(seconds=writer.rng.randint(150, 900))
            cells = [number, started, row.submitted, row.email, row.name]
            if with_modified:
                cells.append(None)
            cells += [values[k] for k in _FORM_FIELDS]
            if with_extra:
                cells.append(writer.rng.choice(extra_options))
            records.append(cells)
    else:
        headers = list(_G_META[lang]) + [questions["name"]] + [
            questions[k] for k in _FORM_FIELDS
        ] + ([extra_q] if with_extra else [])
        for row in rows:
            values = _field_values(row)
            cells = [row.submitted, row.email, row.name] + [values[k] for k in _FORM_FIELDS]
            if with_extra:
                cells.append(writer.rng.choice(extra_options))
            records.append(cells)
    return pd.DataFrame(records, columns=headers, dtype=object)
