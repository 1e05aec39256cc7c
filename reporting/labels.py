"""Words shown to people in the workbook and report, in English and Dutch."""

from __future__ import annotations

import re
from collections.abc import Mapping

LABELS: dict[str, dict[str, str]] = {
    "overview": {"en": "Overview", "nl": "Overzicht"},
    "group": {"en": "Group", "nl": "Groep"},
    "group_sheet": {"en": "Group {n}", "nl": "Groep {n}"},
    "participants": {"en": "Participants", "nl": "Deelnemers"},
    "unplaced": {"en": "Unplaced", "nl": "Niet ingedeeld"},
    "issues": {"en": "Intake issues", "nl": "Intake-meldingen"},
    "settings": {"en": "Settings", "nl": "Instellingen"},
    "size": {"en": "Size", "nl": "Grootte"},
    "functions": {"en": "Functions", "nl": "Functies"},
    "moment": {"en": "Meeting moment", "nl": "Moment"},
    "venue": {"en": "Suggested meeting place", "nl": "Voorgestelde plek"},
    "avg_travel": {"en": "Average travel (km)", "nl": "Gem. reisafstand (km)"},
    "max_travel": {"en": "Worst travel (km)", "nl": "Grootste reisafstand (km)"},
    "mix": {"en": "Learn / give", "nl": "Leren / geven"},
    "score": {"en": "Score", "nl": "Score"},
    "broken": {"en": "Rules broken", "nl": "Geschonden regels"},
    "notes": {"en": "Points of attention", "nl": "Aandachtspunten"},
    "id": {"en": "ID", "nl": "ID"},
    "row": {"en": "Row", "nl": "Rij"},
    "name": {"en": "Name", "nl": "Naam"},
    "email": {"en": "E-mail", "nl": "E-mail"},
    "function": {"en": "Function", "nl": "Functie"},
    "organisation": {"en": "Organisation", "nl": "Organisatie"},
    "team": {"en": "Team", "nl": "Team"},
    "learn_give": {"en": "Learn/give", "nl": "Leren/geven"},
    "style": {"en": "Learning style", "nl": "Leerstijl"},
    "level": {"en": "Level", "nl": "Niveau"},
    "moments": {"en": "Moments", "nl": "Momenten"},
    "place": {"en": "Place", "nl": "Plaats"},
    "travel_km": {"en": "Travel to meeting place (km)", "nl": "Reisafstand naar plek (km)"},
    "pinned": {"en": "Pinned", "nl": "Vast"},
    "reason": {"en": "Reason", "nl": "Reden"},
    "severity": {"en": "Severity", "nl": "Ernst"},
    "column": {"en": "Column", "nl": "Kolom"},
    "value": {"en": "Value", "nl": "Waarde"},
    "message": {"en": "Message", "nl": "Melding"},
    "setting": {"en": "Setting", "nl": "Instelling"},
    "none": {"en": "none", "nl": "geen"},
    "learn": {"en": "learn", "nl": "leren"},
    "give": {"en": "give", "nl": "geven"},
    "both": {"en": "both", "nl": "beide"},
    "morning": {"en": "morning", "nl": "ochtend"},
    "afternoon": {"en": "afternoon", "nl": "middag"},
    "late_afternoon": {"en": "late afternoon", "nl": "eind van de middag"},
    "evening": {"en": "evening", "nl": "avond"},
    "accommodating": {"en": "accommodating (doer)", "nl": "doener"},
    "diverging": {"en": "diverging (dreamer)", "nl": "dromer"},
    "assimilating": {"en": "assimilating (thinker)", "nl": "denker"},
    "converging": {"en": "converging (decider)", "nl": "beslisser"},
    "error": {"en": "error", "nl": "fout"},
    "warning": {"en": "warning", "nl": "waarschuwing"},
    "info": {"en": "info", "nl": "info"},
    "group_sizes": {"en": "Group sizes", "nl": "Groepsgrootte"},
    "pins": {"en": "Pinned people", "nl": "Vastgezette deelnemers"},
    "together": {"en": "People who must be together", "nl": "Deelnemers die samen moeten"},
    "attribution": {
        "en": "Contains place and postal-code data from GeoNames (https://www.geonames.org/), "
        "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Modified: "
        "converted to CSV, names normalised, a few coordinates corrected and derived centroids "
        "computed.",
        "nl": "Bevat plaats- en postcodegegevens van GeoNames (https://www.geonames.org/), "
        "onder licentie CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Bewerkt: "
        "omgezet naar CSV, namen genormaliseerd, enkele coördinaten verbeterd en afgeleide "
        "middelpunten berekend.",
    },
}


def label(key: str, lang: str = "en", **values: object) -> str:
    """The label for ``key`` in ``lang``; unknown keys are returned as they are."""
    text = LABELS.get(key, {}).get(lang) or LABELS.get(key, {}).get("en") or key
    return text.format(**values) if values else text


class RuleNames(dict):
    """Display names of rule keys in one language, sub-keys (``learn_give_mix:give``) included."""

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: str) -> str:
        from optimiser.intervision.rules import rule

        try:
            found = rule(key)
        except KeyError:
            return label(key, self.lang)
        return found.name_nl if self.lang == "nl" else found.name_en

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        """Always a name: the registry's, or the key itself."""
        return self[key]


_PID = re.compile(r"\bR(\d{4,})\b")


def with_names(text: str, names: Mapping[str, str], lang: str = "en") -> str:
    """Replace participant ids (``R0012``) in a message by "name (row 12)" for a coordinator.

    Analysis messages carry ids, so they stay free of personal data until shown to the user.
    """
    row = "rij" if lang == "nl" else "row"

    def name(match: re.Match[str]) -> str:
        pid = match.group(0)
        return f"{names[pid]} ({row} {int(match.group(1))})" if pid in names else pid

    return _PID.sub(name, text)
