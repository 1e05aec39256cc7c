"""The web pages' words in English and Dutch (rule names come from the rule registry)."""

from __future__ import annotations

from moments import MOMENTS, moment_when
from web.i18n_programmes import PROGRAMME_TEXT
from web.plan_words import PLAN_TEXT
from web.refusals import REFUSAL_TEXT

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"en": "Intervision groups", "nl": "Intervisiegroepen"},
    "step_upload": {"en": "Upload", "nl": "Uploaden"},
    "step_mapping": {"en": "Columns", "nl": "Kolommen"},
    "step_issues": {"en": "Issues", "nl": "Meldingen"},
    "step_analysis": {"en": "Analysis", "nl": "Analyse"},
    "step_settings": {"en": "Settings", "nl": "Instellingen"},
    "step_groups": {"en": "Groups", "nl": "Groepen"},
    "correct_family": {"en": "Correct", "nl": "Corrigeren"},
    "new_name": {"en": "Name", "nl": "Naam"},
    "rename_family": {"en": "Rename", "nl": "Hernoemen"},
    "merge_into": {"en": "Merge into", "nl": "Samenvoegen met"},
    "merge_family": {"en": "Merge", "nl": "Samenvoegen"},
    "split_titles": {"en": "Titles to split off", "nl": "Titels om af te splitsen"},
    "split_family": {"en": "Split off", "nl": "Afsplitsen"},
    "esco_attribution": {
        "en": "This product uses the ESCO classification of the European Commission "
        "(https://esco.ec.europa.eu/).",
        "nl": "Dit product gebruikt de ESCO-classificatie van de Europese Commissie "
        "(https://esco.ec.europa.eu/).",
    },
    "privacy": {
        "en": "Your data stays on this computer: nothing is sent anywhere. Uploaded files are "
        "deleted when you end the session, after {hours} hours without use, or when the app "
        "restarts — a restart loses uploads in progress, so download your workbook when you are "
        "done (it holds everything).",
        "nl": "Je gegevens blijven op deze computer: er wordt niets verstuurd. Geüploade "
        "bestanden worden verwijderd als je de sessie beëindigt, na {hours} uur zonder gebruik, "
        "of als de app opnieuw start — een herstart verliest uploads die nog in bewerking zijn, "
        "dus download je werkmap als je klaar bent (daar staat alles in).",
    },
    "upload_title": {"en": "Upload an intake file", "nl": "Upload een intakebestand"},
    "upload_hint": {
        "en": "Drop an export of Microsoft Forms or Google Forms, or your own spreadsheet "
        "(.xlsx, .xls, .ods or .csv, at most {mb} MB) here, or choose it.",
        "nl": "Sleep een export van Microsoft Forms of Google Forms, of je eigen spreadsheet "
        "(.xlsx, .xls, .ods of .csv, hoogstens {mb} MB) hierheen, of kies het bestand.",
    },
    "choose_file": {"en": "Choose a file", "nl": "Kies een bestand"},
    "upload_button": {"en": "Upload and read", "nl": "Uploaden en inlezen"},
    "end_session": {
        "en": "End session and delete data",
        "nl": "Sessie beëindigen en gegevens wissen",
    },
    "session_ended": {
        "en": "The session has ended and its files are deleted.",
        "nl": "De sessie is beëindigd en de bestanden zijn gewist.",
    },
    "session_gone": {
        "en": "This session no longer exists (ended, expired or the app restarted). Upload the "
        "file again.",
        "nl": "Deze sessie bestaat niet meer (beëindigd, verlopen of de app is herstart). Upload "
        "het bestand opnieuw.",
    },
    "file_refused": {"en": "The file cannot be used", "nl": "Het bestand is niet bruikbaar"},
    "read_summary": {
        "en": "{file}: {rows} rows read, {participants} participants, {excluded} rows left out.",
        "nl": "{file}: {rows} rijen gelezen, {participants} deelnemers, {excluded} rijen "
        "niet meegenomen.",
    },
    "mapping_title": {"en": "How the columns were read", "nl": "Hoe de kolommen zijn gelezen"},
    "mapping_hint": {
        "en": "Check the guesses (marked) and correct a column by choosing what it holds; "
        "choose 'ignore' to leave a column alone. The file is read again with your choices.",
        "nl": "Controleer de gokken (gemarkeerd) en verbeter een kolom door te kiezen wat erin "
        "staat; kies 'negeren' om een kolom te laten rusten. Het bestand wordt opnieuw gelezen.",
    },
    "stored_summary": {
        "en": "{file}: {participants} participants and {excluded} rows left out, as read when "
        "this version was saved.",
        "nl": "{file}: {participants} deelnemers en {excluded} rijen niet meegenomen, zoals "
        "gelezen toen deze versie werd bewaard.",
    },
    "mapping_stored_hint": {
        "en": "This line-up was opened from a programme: the columns below are how the file was "
        "read when it was saved. The file itself is not kept, so to read it differently, upload "
        "it again.",
        "nl": "Deze indeling is geopend uit een programma: hieronder staat hoe de kolommen werden "
        "gelezen toen ze werd bewaard. Het bestand zelf is niet bewaard; upload het opnieuw om "
        "het anders in te lezen.",
    },
    "column": {"en": "Column in the file", "nl": "Kolom in het bestand"},
    "examples": {"en": "Examples", "nl": "Voorbeelden"},
    "meaning": {"en": "Read as", "nl": "Gelezen als"},
    "how": {"en": "How", "nl": "Hoe"},
    "not_used": {"en": "(not used)", "nl": "(niet gebruikt)"},
    "ignore": {"en": "ignore", "nl": "negeren"},
    "guess": {"en": "guess", "nl": "gok"},
    "apply_mapping": {"en": "Read again with these columns", "nl": "Opnieuw inlezen"},
    "issues_title": {"en": "What to check in the file", "nl": "Wat te controleren"},
    "no_issues": {"en": "No issues: every row was read cleanly.", "nl": "Geen meldingen."},
    "excluded_title": {"en": "Rows left out", "nl": "Niet meegenomen rijen"},
    "severity_error": {"en": "error", "nl": "fout"},
    "severity_warning": {"en": "warning", "nl": "waarschuwing"},
    "severity_info": {"en": "info", "nl": "info"},
    "where": {"en": "Where", "nl": "Waar"},
    "message": {"en": "Message", "nl": "Melding"},
    "row": {"en": "Row", "nl": "Rij"},
    "reason": {"en": "Reason", "nl": "Reden"},
    "analysis_title": {"en": "Who is in this intake", "nl": "Wie zitten in deze intake"},
    "findings": {"en": "What may stop groups from forming", "nl": "Wat het indelen kan hinderen"},
    "no_findings": {
        "en": "Nothing found that stops groups from forming.",
        "nl": "Niets gevonden dat het indelen in de weg zit.",
    },
    "families": {"en": "Function families", "nl": "Functiefamilies"},
    "family": {"en": "Family", "nl": "Familie"},
    "people": {"en": "People", "nl": "Mensen"},
    "functions": {"en": "Functions", "nl": "Functies"},
    "settings_title": {"en": "Settings for forming groups", "nl": "Instellingen voor het indelen"},
    "group_size": {"en": "Group size", "nl": "Groepsgrootte"},
    "min": {"en": "min", "nl": "min"},
    "max": {"en": "max", "nl": "max"},
    "travel_mode": {"en": "Travel", "nl": "Reizen"},
    "travel_central": {
        "en": "central: each group meets at one place",
        "nl": "centraal: elke groep komt op één plek bijeen",
    },
    "travel_rotating": {
        "en": "rotating: members host in turn",
        "nl": "roulerend: leden zijn om beurten gastheer",
    },
    "rules": {"en": "Rules", "nl": "Regels"},
    "weight_reporting_line": {
        "en": "per pair of manager and report in one group (when soft)",
        "nl": "per paar leidinggevende en medewerker in één groep (als zacht)",
    },
    "weight_same_team": {
        "en": "per pair of team colleagues in one group (when soft)",
        "nl": "per paar teamcollega's in één groep (als zacht)",
    },
    "weight_avoid": {
        "en": "per pair who would rather not meet, in one group (when soft)",
        "nl": "per paar dat liever niet samen zit, in één groep (als zacht)",
    },
    "weight_meeting_moment": {
        "en": "per member who cannot make the group's moment (when soft)",
        "nl": "per lid dat niet kan op het moment van de groep (als zacht)",
    },
    "weight_meeting_day": {
        "en": "per member who cannot make the group's weekday (when soft)",
        "nl": "per lid dat niet kan op de weekdag van de groep (als zacht)",
    },
    "weight_travel_limit": {
        "en": "per member for whom the meeting place is too far (when soft)",
        "nl": "per lid voor wie de vergaderplek te ver is (als zacht)",
    },
    "weight_function": {
        "en": "per pair of members, per point of similar work (0 to 100)",
        "nl": "per paar leden, per punt vergelijkbaar werk (0 tot 100)",
    },
    "weight_learning_goals": {
        "en": "per pair of members, per point of similar learning questions (0 to 100)",
        "nl": "per paar leden, per punt vergelijkbare leervragen (0 tot 100)",
    },
    "weight_travel": {"en": "per km each member travels", "nl": "per km die elk lid reist"},
    "weight_travel_balance": {
        "en": "per km of the member who travels farthest, once per group",
        "nl": "per km van het lid dat het verst reist, één keer per groep",
    },
    "weight_time_budget": {
        "en": "per hour a month of difference beyond the allowed spread, per group",
        "nl": "per uur per maand verschil boven de toegestane spreiding, per groep",
    },
    "weight_learn_give_mix": {
        "en": "per learner or giver missing in a group",
        "nl": "per ontbrekende haler of brenger in een groep",
    },
    "weight_level_spread": {
        "en": "per level of difference beyond the allowed spread, per group",
        "nl": "per niveau verschil boven de toegestane spreiding, per groep",
    },
    "weight_experience": {
        "en": "per step of experience beyond the allowed spread, per group",
        "nl": "per stap ervaring boven de toegestane spreiding, per groep",
    },
    "weight_style_mix": {
        "en": "per pair of members with different learning styles",
        "nl": "per paar leden met verschillende leerstijlen",
    },
    "weight_met_before": {
        "en": "per pair who were in a group together before",
        "nl": "per paar dat al eerder samen in een groep zat",
    },
    "weight_as_travel": {
        "en": "{weight} points: as much as {km} km of travel for one member",
        "nl": "{weight} punten: evenveel als {km} km reizen voor één lid",
    },
    "issue_kind": {"en": "Kind", "nl": "Soort"},
    "all_kinds": {"en": "all ({count})", "nl": "alle ({count})"},
    "all_columns": {"en": "all columns", "nl": "alle kolommen"},
    "filter": {"en": "Filter", "nl": "Filteren"},
    "clear_filter": {"en": "Show all", "nl": "Alles tonen"},
    "filtered_issues": {
        "en": "{shown} of {total} issues shown.",
        "nl": "{shown} van {total} meldingen getoond.",
    },
    "no_matching_issues": {
        "en": "No issue of this kind in this column.",
        "nl": "Geen melding van deze soort in deze kolom.",
    },
    "meeting_places": {"en": "Meeting places", "nl": "Vergaderplekken"},
    "min_town_population": {
        "en": "Meet in towns of at least (inhabitants)",
        "nl": "Samenkomen in plaatsen vanaf (inwoners)",
    },
    "min_town_population_hint": {
        "en": "Each group meets in a town of at least this size near its members (a group "
        "cannot meet in a hamlet). 0: in one of the members' own places. Upload your own "
        "venues below to choose from those instead.",
        "nl": "Elke groep komt samen in een plaats van minstens deze omvang bij de leden in de "
        "buurt (niet in een gehucht). 0: in de woonplaats van een van de leden. Upload "
        "hieronder je eigen locaties om daaruit te kiezen.",
    },
    "online_meetings": {"en": "Meeting online", "nl": "Online samenkomen"},
    "online_off": {
        "en": "no, every group meets in person",
        "nl": "nee, elke groep komt fysiek samen",
    },
    "online_on_request": {
        "en": "when every member said online is fine",
        "nl": "als alle leden zeiden dat online kan",
    },
    "online_everyone": {
        "en": "allowed, unless a member said no",
        "nl": "toegestaan, behalve als een lid nee zei",
    },
    "online_cost_km": {
        "en": "An online meeting counts as (km travel per member)",
        "nl": "Online telt als (km reizen per lid)",
    },
    "online_hint": {
        "en": 'Whoever answered "online only" in the intake is placed in an online group. A '
        "group meets online only when meeting in person would mean more travel than this.",
        "nl": 'Wie in de intake "alleen online" antwoordde, komt in een online groep. Een '
        "groep komt alleen online samen als fysiek samenkomen meer reizen betekent dan dit.",
    },
    "own_venues": {"en": "Your own venues", "nl": "Eigen locaties"},
    "own_venues_hint": {
        "en": "A spreadsheet with a column name and a column postcode or place (or lat and "
        "lon): groups then meet only at these venues.",
        "nl": "Een spreadsheet met een kolom naam en een kolom postcode of plaats (of lat en "
        "lon): groepen komen dan alleen op deze locaties samen.",
    },
    "venues_in_use": {
        "en": "{count} venues from {file} in use",
        "nl": "{count} locaties uit {file} in gebruik",
    },
    "venues_not_used": {
        "en": "{file} is not used: fix these rows and upload it again.",
        "nl": "{file} wordt niet gebruikt: verbeter deze rijen en upload het opnieuw.",
    },
    "upload_venues": {"en": "Upload venues", "nl": "Locaties uploaden"},
    "drop_venues": {"en": "Use towns instead", "nl": "Toch plaatsen gebruiken"},
    "rule": {"en": "Rule", "nl": "Regel"},
    "level": {"en": "Level", "nl": "Niveau"},
    "weight": {"en": "Weight", "nl": "Gewicht"},
    "level_hard": {"en": "hard", "nl": "hard"},
    "level_soft": {"en": "soft", "nl": "zacht"},
    "level_off": {"en": "off", "nl": "uit"},
    "time_limit": {"en": "Time limit (s)", "nl": "Tijdslimiet (s)"},
    "seed": {"en": "Seed", "nl": "Startgetal"},
    "save_and_solve": {"en": "Save and form groups", "nl": "Opslaan en groepen vormen"},
    "save": {"en": "Save settings", "nl": "Instellingen opslaan"},
    "solving": {"en": "Forming groups", "nl": "Groepen vormen"},
    "best_score": {"en": "Best score", "nl": "Beste score"},
    "gap": {"en": "Gap to bound", "nl": "Afstand tot grens"},
    "elapsed": {"en": "Time", "nl": "Tijd"},
    "cancel": {"en": "Stop and keep the best so far", "nl": "Stoppen en het beste houden"},
    "queued": {"en": "Waiting for a free solver…", "nl": "Wachten op een vrije rekenplek…"},
    "job_failed": {"en": "The solve failed", "nl": "Het indelen is mislukt"},
    "job_state_queued": {"en": "waiting", "nl": "wacht"},
    "job_state_running": {"en": "running", "nl": "bezig"},
    "job_state_done": {"en": "done", "nl": "klaar"},
    "job_state_cancelled": {"en": "stopped", "nl": "gestopt"},
    "job_state_failed": {"en": "failed", "nl": "mislukt"},
    "groups_title": {"en": "Groups", "nl": "Groepen"},
    "no_lineup": {
        "en": "No groups yet: choose the settings and form groups.",
        "nl": "Nog geen groepen: kies de instellingen en vorm groepen.",
    },
    "total_score": {"en": "Total score", "nl": "Totale score"},
    "purity": {"en": "function purity", "nl": "functiezuiverheid"},
    "group": {"en": "Group", "nl": "Groep"},
    "score": {"en": "score", "nl": "score"},
    "moment": {"en": "meets", "nl": "komt samen"},
    "venue": {"en": "at", "nl": "in"},
    "travel_spread": {
        "en": "travel: farthest {max} km, average {mean} km",
        "nl": "reizen: verste {max} km, gemiddeld {mean} km",
    },
    "hosts": {"en": "hosts in turn", "nl": "ontvangen om beurten"},
    "travel_change": {"en": "Travel", "nl": "Reizen"},
    "move_to": {"en": "Move to", "nl": "Verplaats naar"},
    "new_group": {"en": "new group", "nl": "nieuwe groep"},
    "unplaced": {"en": "Not placed", "nl": "Niet ingedeeld"},
    "pin": {"en": "pin", "nl": "vast"},
    "meet_online": {"en": "meets online", "nl": "komt online samen"},
    "meet_online_hint": {
        "en": "An online group needs no meeting place and nobody travels; the score is "
        "recalculated at once.",
        "nl": "Een online groep heeft geen plek nodig en niemand reist; de score wordt meteen "
        "opnieuw berekend.",
    },
    "online_place": {"en": "online", "nl": "online"},
    "why": {"en": "why?", "nl": "waarom?"},
    "resolve": {
        "en": "Re-solve around the pins (keeps the rest where possible)",
        "nl": "Opnieuw indelen rond de vastgezette deelnemers (houdt de rest waar mogelijk)",
    },
    "solve_fresh": {"en": "Form groups from scratch", "nl": "Opnieuw vanaf nul indelen"},
    "download_workbook": {"en": "Download workbook (.xlsx)", "nl": "Download werkmap (.xlsx)"},
    "download_report": {"en": "Download report (.html)", "nl": "Download rapport (.html)"},
    "undo": {"en": "Undo", "nl": "Ongedaan maken"},
    "redo": {"en": "Redo", "nl": "Opnieuw"},
    "undo_hint": {
        "en": "Undo takes back the last change of the line-up (a move, a pin, a solve), step by "
        "step.",
        "nl": "Ongedaan maken draait de laatste wijziging van de indeling terug (een "
        "verplaatsing, vastzetten, een berekening), stap voor stap.",
    },
    "moves_title": {"en": "What the re-solve changed", "nl": "Wat het herberekenen veranderde"},
    "moves_none": {
        "en": "The re-solve moved nobody: every group stays as it was.",
        "nl": "Het herberekenen verplaatste niemand: elke groep blijft zoals hij was.",
    },
    "changes_title": {
        "en": "Meeting moments and places a rule changed",
        "nl": "Vergadermomenten en plekken die een regel veranderde",
    },
    "moves_count": {
        "en": "{count} moved, everyone else kept their group.",
        "nl": "{count} verplaatst, alle anderen bleven in hun groep.",
    },
    "explain_title": {"en": "Why {name} is in this group", "nl": "Waarom {name} in deze groep zit"},
    "explain_gives": {
        "en": "What group {group} gives {name}",
        "nl": "Wat groep {group} {name} geeft",
    },
    "explain_nothing_good": {
        "en": "No rule scores in this person's favour here.",
        "nl": "Geen regel scoort hier in het voordeel van deze persoon.",
    },
    "explain_unplaced": {"en": "Why {name} is not placed", "nl": "Waarom {name} niet is ingedeeld"},
    "explain_alternatives": {
        "en": "Other groups, best first",
        "nl": "Andere groepen, de beste eerst",
    },
    "explain_better": {"en": "better", "nl": "beter"},
    "explain_worse": {"en": "worse", "nl": "slechter"},
    "explain_same": {"en": "about the same", "nl": "ongeveer gelijk"},
    "explain_breaks_rule": {"en": "breaks a hard rule", "nl": "breekt een harde regel"},
    "explain_legend": {
        "en": "Green: the move would raise the score; grey: a little lower; orange: clearly "
        "lower; red: it breaks a hard rule.",
        "nl": "Groen: de verplaatsing verhoogt de score; grijs: iets lager; oranje: duidelijk "
        "lager; rood: ze breekt een harde regel.",
    },
    "explain_none": {
        "en": "There is no other group to compare with.",
        "nl": "Er is geen andere groep om mee te vergelijken.",
    },
    "to_group": {"en": "To group", "nl": "Naar groep"},
    "change": {"en": "Change", "nl": "Verschil"},
    "breaks": {"en": "Breaks", "nl": "Breekt"},
    "per_rule": {"en": "Per rule", "nl": "Per regel"},
    "back_to_groups": {"en": "Back to the groups", "nl": "Terug naar de groepen"},
    "next": {"en": "Next", "nl": "Volgende"},
    "previous": {"en": "Previous", "nl": "Vorige"},
    "pages": {"en": "Pages", "nl": "Pagina's"},
    "page_of": {
        "en": "Page {page} of {pages}: items {first}–{last} of {total}",
        "nl": "Pagina {page} van {pages}: {first}–{last} van {total}",
    },
    "members": {"en": "members", "nl": "leden"},
    "drag_hint": {
        "en": "Drag a person to another group, or use the select; the score updates at once.",
        "nl": "Sleep iemand naar een andere groep, of gebruik de keuzelijst; de score wordt "
        "meteen bijgewerkt.",
    },
    "status": {"en": "Status", "nl": "Status"},
    **{f"moment_{m}": {lang: moment_when(m, lang) for lang in ("en", "nl")} for m in MOMENTS},
    "refused_host": {
        "en": "This app only answers at the address it was started on (http://127.0.0.1 or "
        "http://localhost with its port); the request named another host.",
        "nl": "Deze app antwoordt alleen op het adres waarop hij gestart is (http://127.0.0.1 "
        "of http://localhost met zijn poort); het verzoek noemde een andere host.",
    },
    "refused_cross_site": {
        "en": "Refused: this request came from another web page. The app only accepts changes "
        "from its own pages.",
        "nl": "Geweigerd: dit verzoek kwam van een andere webpagina. De app neemt alleen "
        "wijzigingen aan van zijn eigen pagina's.",
    },
    "refused_form_token": {
        "en": "This form has expired or did not come from this app; reload the page and try again.",
        "nl": "Dit formulier is verlopen of kwam niet van deze app; laad de pagina opnieuw en "
        "probeer het nog eens.",
    },
    "body_stalled": {
        "en": "The upload stopped arriving; nothing was kept. Try again.",
        "nl": "De upload kwam niet verder binnen; er is niets bewaard. Probeer het opnieuw.",
    },
    "worker_memory": {
        "en": "Analysing this file needed more than {limit} MB of memory, the most the web app "
        "allows, and was stopped; the app itself kept running. Form large files with the "
        "command line ('intervisie form'), or split the file, for example per region.",
        "nl": "Het analyseren van dit bestand vroeg meer dan {limit} MB geheugen, het maximum "
        "van de webapp, en is gestopt; de app zelf draait door. Vorm grote bestanden met de "
        "opdrachtregel ('intervisie form'), of splits het bestand, bijvoorbeeld per regio.",
    },
    "worker_time": {
        "en": "Analysing this file took longer than {limit:.0f} seconds and was stopped; the "
        "app itself kept running. Form large files with the command line ('intervisie form'), "
        "or split the file.",
        "nl": "Het analyseren van dit bestand duurde langer dan {limit:.0f} seconden en is "
        "gestopt; de app zelf draait door. Vorm grote bestanden met de opdrachtregel "
        "('intervisie form'), of splits het bestand.",
    },
    "worker_crash": {
        "en": "The analysis of this file stopped unexpectedly; the app itself kept running. "
        "Try again; if it happens again, check the file with 'intervisie check'.",
        "nl": "De analyse van dit bestand stopte onverwacht; de app zelf draait door. Probeer "
        "het opnieuw; gebeurt het weer, controleer het bestand dan met 'intervisie check'.",
    },
    "sessions_full": {
        "en": "The app already has {count} sessions in use, its maximum; a session is only "
        "ended to make room once it has been idle for {minutes} minutes. End a session you no "
        "longer need, or try again later.",
        "nl": "De app heeft al {count} sessies in gebruik, het maximum; een sessie wordt pas "
        "beëindigd om plaats te maken als ze {minutes} minuten niet gebruikt is. Beëindig een "
        "sessie die je niet meer nodig hebt, of probeer het later opnieuw.",
    },
}


TEXT.update(PLAN_TEXT)  # the Plan step keeps its words in its own module
TEXT.update(PROGRAMME_TEXT)
TEXT.update(REFUSAL_TEXT)


def translate(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when a Dutch text is missing)."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
