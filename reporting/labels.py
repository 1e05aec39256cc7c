"""Words shown to people in the workbook and report, in English and Dutch."""

from __future__ import annotations

import re
from collections.abc import Mapping

from moments import MOMENTS, moment_name

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
    "online": {"en": "Online", "nl": "Online"},
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
    **{m: {"en": moment_name(m, "en"), "nl": moment_name(m, "nl")} for m in MOMENTS},
    "accommodating": {"en": "accommodating (doer)", "nl": "doener"},
    "diverging": {"en": "diverging (dreamer)", "nl": "dromer"},
    "assimilating": {"en": "assimilating (thinker)", "nl": "denker"},
    "converging": {"en": "converging (decider)", "nl": "beslisser"},
    "error": {"en": "error", "nl": "fout"},
    "warning": {"en": "warning", "nl": "waarschuwing"},
    "info": {"en": "info", "nl": "info"},
    "group_sizes": {"en": "Group sizes", "nl": "Groepsgrootte"},
    "unplaced_penalty": {"en": "People not placed", "nl": "Niet ingedeelde mensen"},
    "moves": {"en": "Moves from the line-up", "nl": "Verplaatsingen uit de indeling"},
    "pins": {"en": "Pinned people", "nl": "Vastgezette deelnemers"},
    "together": {"en": "People who must be together", "nl": "Deelnemers die samen moeten"},
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "reasons": {"en": "Why", "nl": "Waarom"},
    "function_purity": {"en": "Function purity", "nl": "Functiezuiverheid"},
    "purity_overall": {
        "en": "Function purity over all groups: {share} of {pairs} pairs of members.",
        "nl": "Functiezuiverheid over alle groepen: {share} van {pairs} paren leden.",
    },
    "purity_means": {
        "en": "Function purity: the share of pairs of members in a group who are in the same "
        "function family (100% = everyone does the same kind of work).",
        "nl": "Functiezuiverheid: het deel van de paren leden in een groep dat in dezelfde "
        "functiefamilie zit (100 % = iedereen doet hetzelfde soort werk).",
    },
    "contacts": {"en": "Contacts", "nl": "Contacten"},
    "emails_for_outlook": {
        "en": "E-mail addresses (paste into Outlook)",
        "nl": "E-mailadressen (plakken in Outlook)",
    },
    "facilitator_wish": {"en": "Wants a facilitator", "nl": "Wil begeleider"},
    "remarks": {"en": "Remarks", "nl": "Opmerkingen"},
    "invitation": {"en": "Invitation", "nl": "Uitnodiging"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "and": {"en": "and", "nl": "en"},
    "moment_to_agree": {"en": "time to agree together", "nl": "tijd in overleg"},
    "place_to_agree": {"en": "a place you choose together", "nl": "een plaats die jullie kiezen"},
    "where_to_agree": {
        "en": "at a place you choose together",
        "nl": "op een plaats die jullie samen kiezen",
    },
    "where_online": {"en": "online", "nl": "online"},
    "where_in": {"en": "in", "nl": "in"},
    "input_file": {"en": "Intake file", "nl": "Intakebestand"},
    "input_sha256": {
        "en": "Fingerprint of the intake file (SHA-256)",
        "nl": "Vingerafdruk van het intakebestand (SHA-256)",
    },
    "version": {"en": "Program version", "nl": "Versie van het programma"},
    "seed": {
        "en": "Seed (same seed, same groups)",
        "nl": "Startgetal (zelfde getal, zelfde groepen)",
    },
    "time_limit_s": {"en": "Time limit (s)", "nl": "Tijdslimiet (s)"},
    "status": {"en": "Result", "nl": "Uitkomst"},
    "status_optimal": {
        "en": "best possible line-up (proven)",
        "nl": "best mogelijke indeling (bewezen)",
    },
    "status_feasible": {
        "en": "a line-up that keeps every hard rule (not proven the best)",
        "nl": "een indeling die alle harde regels houdt (niet bewezen de beste)",
    },
    "status_infeasible": {
        "en": "no line-up possible as asked",
        "nl": "geen indeling mogelijk zoals gevraagd",
    },
    "status_unknown": {
        "en": "no line-up found in time",
        "nl": "binnen de tijd geen indeling gevonden",
    },
    "status_edited": {"en": "edited by hand", "nl": "met de hand aangepast"},
    "download_stem": {"en": "groups", "nl": "groepen"},
    "batch_sheet": {"en": "Summary", "nl": "Overzicht"},
    "batch_file": {"en": "File", "nl": "Bestand"},
    "batch_status": {"en": "Result", "nl": "Uitkomst"},
    "batch_participants": {"en": "Participants", "nl": "Deelnemers"},
    "batch_groups": {"en": "Groups", "nl": "Groepen"},
    "batch_unplaced": {"en": "Not placed", "nl": "Niet ingedeeld"},
    "batch_set_aside": {"en": "Rows set aside", "nl": "Rijen niet meegenomen"},
    "batch_objective": {"en": "Total score", "nl": "Totale score"},
    "batch_hard_violations": {"en": "Hard rules broken", "nl": "Harde regels geschonden"},
    "batch_output": {"en": "Workbook", "nl": "Werkmap"},
    "batch_error": {"en": "Problem", "nl": "Probleem"},
    "short_infeasible": {"en": "no line-up possible", "nl": "geen indeling mogelijk"},
    "short_unknown": {"en": "nothing found in time", "nl": "niets gevonden binnen de tijd"},
    "short_error": {"en": "could not be read", "nl": "niet te lezen"},
    "carried_along": {"en": "(carried along)", "nl": "(meegenomen)"},
    "source_microsoft_forms": {"en": "Microsoft Forms", "nl": "Microsoft Forms"},
    "source_google_forms": {"en": "Google Forms", "nl": "Google Forms"},
    "source_hand": {"en": "hand-made sheet", "nl": "zelfgemaakt blad"},
    "short_optimal": {"en": "proven the best", "nl": "bewezen de beste"},
    "short_feasible": {"en": "not proven the best", "nl": "niet bewezen de beste"},
    "short_edited": {"en": "edited", "nl": "aangepast"},
    "objective": {"en": "Total score", "nl": "Totale score"},
    "gap": {"en": "Gap to the best possible score", "nl": "Afstand tot de best mogelijke score"},
    "solve_time_s": {"en": "Solve time (s)", "nl": "Rekentijd (s)"},
    "travel_mode": {"en": "Meeting place", "nl": "Plek van samenkomen"},
    "travel_central": {"en": "one place per group", "nl": "een vaste plek per groep"},
    "travel_rotating": {"en": "members host in turn", "nl": "leden ontvangen om de beurt"},
    "level_max_spread": {"en": "Allowed spread in level", "nl": "Toegestane spreiding in niveau"},
    "experience_max_spread": {
        "en": "Allowed spread in intervision experience",
        "nl": "Toegestane spreiding in intervisie-ervaring",
    },
    "time_budget_max_spread_h": {
        "en": "Allowed spread in hours per month",
        "nl": "Toegestane spreiding in uren per maand",
    },
    "rule": {"en": "Rule", "nl": "Regel"},
    "weight": {"en": "weight", "nl": "gewicht"},
    "level_hard": {"en": "must hold", "nl": "moet gelden"},
    "level_soft": {"en": "counts", "nl": "telt mee"},
    "level_off": {"en": "off", "nl": "uit"},
    "reproduce": {"en": "Reproduce this run", "nl": "Deze indeling herhalen"},
    "reproduce_how": {
        "en": "The hidden sheet _settings holds these settings as a settings file (TOML): save "
        "it as a .toml file and pass it with --config, with the same intake file and seed.",
        "nl": "Het verborgen blad _settings bevat deze instellingen als instellingenbestand "
        "(TOML): sla het op als .toml-bestand en geef het mee met --config, met hetzelfde "
        "intakebestand en startgetal.",
    },
    "geodata": {"en": "Place data", "nl": "Plaatsgegevens"},
    "occupation_data": {"en": "Occupation data", "nl": "Beroepsgegevens"},
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
    "esco_attribution": {
        "en": "Occupations: this product uses the ESCO classification of the European "
        "Commission (https://esco.ec.europa.eu/).",
        "nl": "Beroepen: dit product gebruikt de ESCO-classificatie van de Europese Commissie "
        "(https://esco.ec.europa.eu/).",
    },
}


FIELD_NAMES: dict[str, dict[str, str]] = {
    "first_name": {"en": "first name", "nl": "voornaam"},
    "last_name": {"en": "last name", "nl": "achternaam"},
    "manager": {"en": "manager", "nl": "leidinggevende"},
    "learning_goals": {"en": "learning questions", "nl": "leervragen"},
    "learning_style": {"en": "learning style", "nl": "leerstijl"},
    "time_budget": {"en": "hours per month", "nl": "uren per maand"},
    "meeting_moments": {"en": "meeting moments", "nl": "vergadermomenten"},
    "location": {"en": "postcode or place", "nl": "postcode of plaats"},
    "place_hint": {"en": "place of residence", "nl": "woonplaats"},
    "country": {"en": "country", "nl": "land"},
    "max_travel": {"en": "travel limit", "nl": "reisgrens"},
    "online": {"en": "can meet online", "nl": "online deelnemen"},
    "experience": {"en": "intervision experience", "nl": "intervisie-ervaring"},
    "avoid": {"en": "rather not with", "nl": "liever niet met"},
    "submitted_at": {"en": "submitted at", "nl": "ingediend op"},
    "form_id": {"en": "form number", "nl": "formuliernummer"},
    "started_at": {"en": "started at", "nl": "begonnen op"},
    "modified_at": {"en": "changed at", "nl": "gewijzigd op"},
    "name": {"en": "name", "nl": "naam"},
    "email": {"en": "e-mail", "nl": "e-mail"},
    "function": {"en": "function", "nl": "functie"},
    "organisation": {"en": "organisation", "nl": "organisatie"},
    "team": {"en": "team", "nl": "team"},
    "level": {"en": "level", "nl": "niveau"},
    "learn_give": {"en": "learn or give", "nl": "halen of brengen"},
    "facilitator_wish": {"en": "wants a facilitator", "nl": "wil begeleider"},
    "remarks": {"en": "remarks", "nl": "opmerkingen"},
}
"""The intake fields in words, for the column mapping a coordinator reads."""

HOW_READ: dict[str, dict[str, str]] = {
    "exact": {"en": "field name", "nl": "veldnaam"},
    "synonym": {"en": "known heading", "nl": "bekende kop"},
    "question text": {"en": "question text", "nl": "vraagtekst"},
    "fuzzy": {"en": "similar heading", "nl": "lijkende kop"},
    "unmatched": {"en": "not recognised", "nl": "niet herkend"},
    "mapping file": {"en": "mapping file", "nl": "koppelbestand"},
    "ignored by mapping file": {"en": "ignored (mapping file)", "nl": "genegeerd (koppelbestand)"},
}
"""How a column was recognised, in words."""

PLURALS: dict[str, dict[str, tuple[str, str]]] = {
    "error": {"en": ("error", "errors"), "nl": ("fout", "fouten")},
    "warning": {"en": ("warning", "warnings"), "nl": ("waarschuwing", "waarschuwingen")},
    "info": {"en": ("note", "notes"), "nl": ("opmerking", "opmerkingen")},
    "group": {"en": ("group", "groups"), "nl": ("groep", "groepen")},
    "participant": {"en": ("participant", "participants"), "nl": ("deelnemer", "deelnemers")},
    "hard_rule_broken": {
        "en": ("hard rule broken", "hard rules broken"),
        "nl": ("harde regel geschonden", "harde regels geschonden"),
    },
}
"""Words that follow a count: (one, more) per language."""


# English words and phrases that must never reach a Dutch coordinator: what the program itself
# writes in English (user data is left out of the check). Kept here, next to the
# translations, so that a new English text gets its entry when it gets its translation;
# tests/reporting/test_dutch.py renders the CLI summary, the workbook and the report in Dutch
# and looks for these as whole words, plus every internal key (rule keys, field keys, moments,
# solver statuses).
NOT_DUTCH: tuple[str, ...] = (
    "feasible", "optimal", "infeasible", "warning", "warnings", "error", "errors", "issues",
    "participants", "participant", "groups", "Group", "Groups", "Verdict", "Why", "good",
    "acceptable", "needs attention", "pairs", "Total", "not placed", "Worst travel",
    "Longest trip", "Meeting place", "Settings", "Overview", "Contacts", "Invitation", "Remarks",
    "Function purity", "function purity", "row", "sheet", "header row", "gap",
    "solving", "synonym", "question text", "carried along", "every rule holds", "hard rule",
    "hard rules", "broken", "Score per rule", "Rule", "Members", "Size", "Unplaced", "Name",
    "Function", "Organisation", "Learning style", "Place", "Reason", "Severity", "Column",
    "Message", "Value", "Setting", "yes", "morning", "afternoon", "evening", "late afternoon",
    "learn", "give", "both", "Dear", "Kind regards", "moves", "Workbook", "Report", "Charts",
    "What will not work", "Function families", "Learning topics", "Profile", "Family",
    "Titles", "Topic", "participants as written", "none", "share a function family",
    "longest trip", "People not placed", "must hold", "counts", "weight", "off", "unknown",
    # found walking every page in Dutch: refusals, learning styles in brackets, job states
    "solve first", "no line-up yet", "nothing to undo", "nothing to redo", "not a whole number",
    "is empty", "must be between", "exists already", "in the store", "accommodating",
    "diverging", "assimilating", "converging", "queued", "running", "cancelled", "failed",
    "Seed",
)  # fmt: skip


def counted(count: int, key: str, lang: str = "en") -> str:
    """``count`` with the word for ``key`` in singular or plural: "1 error", "3 fouten"."""
    one, more = PLURALS[key].get(lang) or PLURALS[key]["en"]
    return f"{count} {one if count == 1 else more}"


def field_name(field: str | None, lang: str = "en") -> str:
    """An intake field in words (the key itself only for a field this list does not know)."""
    if field is None:
        return "(niet gebruikt)" if lang == "nl" else "(not used)"
    names = FIELD_NAMES.get(field)
    return names.get(lang, names["en"]) if names else field


def how_read(how: str, lang: str = "en") -> str:
    """How a column was recognised, in words."""
    words = HOW_READ.get(how)
    return words.get(lang, words["en"]) if words else how


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
        from optimiser.intervision.rules import rule_name

        try:
            return rule_name(key, self.lang)
        except KeyError:
            return label(key, self.lang)

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
