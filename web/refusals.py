"""The web app's refusals (a ``StepError``: what cannot be done in a session's current state)
in English and Dutch; :mod:`web.i18n` adds them to the pages' words.

A refusal names its key, ``StepError("no_lineup")``, and the app says it in the language of the
session the request is about. ``tests/web/test_refusals.py`` triggers every one of them in a
Dutch session and fails on any English that reaches the coordinator.
"""

from __future__ import annotations

REFUSAL_TEXT: dict[str, dict[str, str]] = {
    # sessions and jobs
    "no_session": {
        "en": "no such session (ended, expired, or the app restarted)",
        "nl": "deze sessie bestaat niet (beëindigd, verlopen of de app is herstart)",
    },
    "no_job": {
        "en": "no job {job!r} in this session",
        "nl": "geen berekening {job!r} in deze sessie",
    },
    "job_running": {
        "en": "a solve is already running for this session; wait or cancel it",
        "nl": "er loopt al een berekening voor deze sessie; wacht tot die klaar is of stop hem",
    },
    "job_kind": {
        "en": "kind must be solve or repair",
        "nl": "soort moet solve (indelen) of repair (opnieuw rond vastgezetten) zijn",
    },
    "time_limit_range": {
        "en": "the time limit must be between 1 and {most} s",
        "nl": "de tijdslimiet moet tussen 1 en {most} s liggen",
    },
    "language": {"en": "language must be en or nl", "nl": "taal moet en of nl zijn"},
    "page_not_found": {
        "en": "This page does not exist. Go back, or start again from the upload page.",
        "nl": "Deze pagina bestaat niet. Ga terug, of begin opnieuw bij het uploaden.",
    },
    "upload_first": {
        "en": "upload an intake file first",
        "nl": "upload eerst een intakebestand",
    },
    # columns and families
    "columns_stored": {
        "en": "this line-up was opened from a programme: its columns were read when it was "
        "saved; upload the file to read it again",
        "nl": "deze indeling is geopend uit een programma: de kolommen zijn gelezen toen ze "
        "bewaard werd; upload het bestand om het opnieuw in te lezen",
    },
    "no_column": {
        "en": "no column called {columns}",
        "nl": "geen kolom met de naam {columns}",
    },
    "unknown_field": {
        "en": "unknown field(s) {fields}; use one of {valid}",
        # the valid fields are API keys: the Dutch text points at the page that names them
        "nl": "onbekend(e) veld(en) {fields}; de pagina Kolommen noemt de velden in woorden",
    },
    "no_family": {
        "en": "no family called {family!r} with titles",
        "nl": "geen functiefamilie {family!r} met titels",
    },
    "family_name_needed": {
        "en": "a new family name is needed",
        "nl": "geef de familie een nieuwe naam",
    },
    "no_family_to_merge": {
        "en": "no other family called {family!r} to merge into",
        "nl": "geen andere familie {family!r} om mee samen te voegen",
    },
    "split_needs": {
        "en": "a split needs a new name and some, not all, of the titles",
        "nl": "afsplitsen vraagt een nieuwe naam en een deel (niet alle) van de titels",
    },
    "family_action": {
        "en": "unknown action {action!r}; use {actions}",
        "nl": "onbekende handeling {action!r}; kies uit {actions}",
    },
    "no_chart": {
        "en": "no chart {chart!r}; charts: {charts}",
        "nl": "geen grafiek {chart!r}; de pagina Analyse toont de grafieken die er zijn",
    },
    # settings
    "bad_weight": {
        "en": "{rule}: weight {weight!r} is not a whole number",
        "nl": "{rule}: gewicht {weight!r} is geen geheel getal",
    },
    "not_whole_number": {
        "en": "{name}: {value!r} is not a whole number",
        "nl": "{name}: {value!r} is geen geheel getal",
    },
    # the line-up
    "no_lineup": {
        "en": "no line-up yet; solve first",
        "nl": "nog geen indeling; vorm eerst groepen",
    },
    "nothing_to_keep": {
        "en": "there is no line-up to keep yet; solve first",
        "nl": "er is nog geen indeling om te houden; vorm eerst groepen",
    },
    "no_participant": {
        "en": "no participant {pid!r}",
        "nl": "geen deelnemer {pid!r}",
    },
    "not_in_lineup": {
        "en": "no participant {pid!r} in the line-up",
        "nl": "geen deelnemer {pid!r} in de indeling",
    },
    "unknown_participants": {
        "en": "unknown participant(s): {pids}",
        "nl": "onbekende deelnemer(s): {pids}",
    },
    "no_such_group": {
        "en": "no group {group}",
        "nl": "geen groep {group}",
    },
    "no_group": {
        "en": "no group {group}; move to 1..{last}",
        "nl": "geen groep {group}; verplaats naar 1..{last}",
    },
    "groups_from_one": {
        "en": "groups are numbered from 1 (see {pids})",
        "nl": "groepen zijn genummerd vanaf 1 (zie {pids})",
    },
    "pin_unplaced": {
        "en": "{pid} is not in a group; move them into one before pinning",
        "nl": "{pid} zit niet in een groep; verplaats die eerst naar een groep en zet dan vast",
    },
    "nothing_to_undo": {"en": "nothing to undo", "nl": "niets om ongedaan te maken"},
    "nothing_to_redo": {"en": "nothing to redo", "nl": "niets om opnieuw te doen"},
    # programmes
    "no_version": {
        "en": "no version {version} in programme {programme!r}",
        "nl": "geen versie {version} in programma {programme!r}",
    },
    "names_needed": {
        "en": "a programme and a version name are needed",
        "nl": "geef een programma en een naam voor de versie",
    },
    "round_mode": {
        "en": "mode must be stable or mix",
        "nl": "de manier moet stable (stabiel) of mix (mengen) zijn",
    },
    "met_rounds_range": {
        "en": "met rounds must be between 1 and 10",
        "nl": "het aantal eerdere rondes moet tussen 1 en 10 liggen",
    },
    "no_person": {
        "en": "no person {person} in this programme",
        "nl": "geen persoon {person} in dit programma",
    },
    # the plan
    "no_plan_job": {
        "en": "no plan job {job!r}",
        "nl": "geen planningsberekening {job!r}",
    },
    "plan_options_first": {
        "en": "upload the facilitator list and choose the start date first",
        "nl": "upload eerst de lijst van begeleiders en kies de begindatum",
    },
    "plan_job_running": {
        "en": "a job is already running for this session; wait for it to end",
        "nl": "er loopt al een berekening voor deze sessie; wacht tot die klaar is",
    },
    "no_plan_group": {
        "en": "no group {group} in the plan",
        "nl": "geen groep {group} in de planning",
    },
    "plan_blocked_level": {
        "en": "blocked periods are avoided where possible or never planned in, not {level!r}",
        "nl": "geblokkeerde periodes worden vermeden waar het kan of nooit gebruikt, niet "
        "{level!r}",
    },
}
