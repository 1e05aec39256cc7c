"""The programme pages' words in English and Dutch (merged into :data:`web.i18n.TEXT`)."""

from __future__ import annotations

PROGRAMME_TEXT: dict[str, dict[str, str]] = {
    "nav_programmes": {"en": "Programmes", "nl": "Programma's"},
    "nav_quick_job": {"en": "Quick job", "nl": "Snelle indeling"},
    "programmes_title": {"en": "Programmes", "nl": "Programma's"},
    "programmes_hint": {
        "en": "A programme keeps its rounds, line-up versions and people in the store on this "
        "computer, so the next round knows who met whom. For a one-off line-up, upload a file "
        "without a programme.",
        "nl": "Een programma bewaart zijn rondes, versies van de indeling en deelnemers in de "
        "opslag op deze computer, zodat de volgende ronde weet wie elkaar al trof. Voor een "
        "eenmalige indeling upload je een bestand zonder programma.",
    },
    "no_programmes": {"en": "No programmes yet.", "nl": "Nog geen programma's."},
    "new_programme": {"en": "New programme", "nl": "Nieuw programma"},
    "programme_name": {"en": "Name of the programme", "nl": "Naam van het programma"},
    "create": {"en": "Create", "nl": "Aanmaken"},
    "rounds_count": {"en": "rounds", "nl": "rondes"},
    "versions_count": {"en": "versions", "nl": "versies"},
    "programme": {"en": "Programme", "nl": "Programma"},
    "round": {"en": "Round", "nl": "Ronde"},
    "no_versions": {
        "en": "No line-up kept yet: upload an intake, form groups and save them as a version "
        "of this programme from the groups page.",
        "nl": "Nog geen indeling bewaard: upload een intake, vorm groepen en bewaar ze op de "
        "groepenpagina als versie van dit programma.",
    },
    "version": {"en": "Version", "nl": "Versie"},
    "score_header": {"en": "Score", "nl": "Score"},
    "made_by_groups_page": {"en": "groups page", "nl": "groepenpagina"},
    "made_by_next_round": {"en": "next round page", "nl": "pagina volgende ronde"},
    "made_at": {"en": "Made", "nl": "Gemaakt"},
    "made_by": {"en": "Made by", "nl": "Gemaakt door"},
    "hard_broken_short": {"en": "hard rules broken", "nl": "harde regels geschonden"},
    "open_version": {"en": "Open", "nl": "Openen"},
    "compare_title": {"en": "Compare two versions", "nl": "Twee versies vergelijken"},
    "compare_button": {"en": "Compare", "nl": "Vergelijken"},
    "version_a": {"en": "Version A (before)", "nl": "Versie A (eerst)"},
    "version_b": {"en": "Version B (after)", "nl": "Versie B (daarna)"},
    "compare_heading": {"en": "A and B side by side", "nl": "A en B naast elkaar"},
    "compare_settings": {
        "en": "Both line-ups are scored with the settings of B.",
        "nl": "Beide indelingen zijn gescoord met de instellingen van B.",
    },
    "groups_kept": {"en": "Groups kept: {n}", "nl": "Groepen behouden: {n}"},
    "people_moved": {"en": "Moved: {n}", "nl": "Verplaatst: {n}"},
    "pairs_meet_again": {
        "en": "Pairs who meet again: {n}",
        "nl": "Paren die elkaar weer treffen: {n}",
    },
    "moved_title": {"en": "Who moved where", "nl": "Wie is waarheen verplaatst"},
    "nobody_moved": {"en": "Nobody moved.", "nl": "Niemand is verplaatst."},
    "from_group": {"en": "From group", "nl": "Van groep"},
    "to_group_b": {"en": "To group", "nl": "Naar groep"},
    "not_placed": {"en": "not placed", "nl": "niet ingedeeld"},
    "only_in_a": {"en": "only in A", "nl": "alleen in A"},
    "only_in_b": {"en": "only in B", "nl": "alleen in B"},
    "groups_side_by_side": {"en": "Groups", "nl": "Groepen"},
    "group_in_a": {"en": "In A", "nl": "In A"},
    "group_in_b": {"en": "In B", "nl": "In B"},
    "kept": {"en": "kept", "nl": "behouden"},
    "changed": {"en": "changed", "nl": "gewijzigd"},
    "difference": {"en": "Difference", "nl": "Verschil"},
    "per_rule_scores": {"en": "Score per rule", "nl": "Score per regel"},
    "pairs_again_title": {"en": "Pairs who meet again", "nl": "Paren die elkaar weer treffen"},
    "no_pairs_again": {"en": "No pair meets again.", "nl": "Geen paar treft elkaar weer."},
    "next_round_title": {"en": "Next round", "nl": "Volgende ronde"},
    "next_round_hint": {
        "en": "Upload the new intake. Stable keeps continuing groups together with as few "
        "changes as the rules allow; mix forms new groups in which people who met recently "
        "are kept apart.",
        "nl": "Upload de nieuwe intake. Stabiel houdt doorlopende groepen bij elkaar met zo "
        "weinig wijzigingen als de regels toelaten; mengen vormt nieuwe groepen waarin mensen "
        "die elkaar onlangs troffen uit elkaar blijven.",
    },
    "after_version": {"en": "After round {round}, version", "nl": "Na ronde {round}, versie"},
    "mode": {"en": "Mode", "nl": "Werkwijze"},
    "mode_stable": {"en": "stable: groups go on", "nl": "stabiel: groepen gaan door"},
    "mode_mix": {"en": "mix: new groups", "nl": "mengen: nieuwe groepen"},
    "next_round_version": {
        "en": "next round ({mode})",
        "nl": "volgende ronde ({mode})",
    },
    "mode_name_stable": {"en": "stable", "nl": "stabiel"},
    "mode_name_mix": {"en": "mix", "nl": "mengen"},
    "met_rounds": {
        "en": "Mix: keep apart who met in the last … rounds",
        "nl": "Mengen: houd uit elkaar wie elkaar trof in de laatste … rondes",
    },
    "form_next_round": {"en": "Form the next round", "nl": "Volgende ronde vormen"},
    "next_round_needs_version": {
        "en": "A next round starts from a kept line-up: save one first.",
        "nl": "Een volgende ronde begint bij een bewaarde indeling: bewaar er eerst een.",
    },
    "round_result_title": {"en": "The next round", "nl": "De volgende ronde"},
    "kept_pairs_line": {
        "en": "{kept} of {continuing} continuing pairs kept ({share})",
        "nl": "{kept} van {continuing} doorlopende paren behouden ({share})",
    },
    "repeated_pairs_line": {
        "en": "{count} pairs who met last time are together again",
        "nl": "{count} paren die elkaar al troffen zitten weer samen",
    },
    "saved_as": {
        "en": "Kept as version “{version}” of programme {programme}.",
        "nl": "Bewaard als versie “{version}” van programma {programme}.",
    },
    "changes_title": {"en": "Every change and its reason", "nl": "Elke wijziging en de reden"},
    "no_changes": {"en": "No changes.", "nl": "Geen wijzigingen."},
    "dropouts_title": {"en": "Left the programme", "nl": "Gestopt"},
    "to_the_groups": {"en": "To the groups", "nl": "Naar de groepen"},
    "save_version_title": {"en": "Save as a version", "nl": "Bewaren als versie"},
    "version_name": {"en": "Version name", "nl": "Naam van de versie"},
    "save_version": {"en": "Save version", "nl": "Versie bewaren"},
    "version_saved": {
        "en": "Saved as version “{version}” of {programme}.",
        "nl": "Bewaard als versie “{version}” van {programme}.",
    },
    "opened_from": {
        "en": "Opened from version “{version}” of {programme}.",
        "nl": "Geopend uit versie “{version}” van {programme}.",
    },
    "to_programme": {"en": "To the programme", "nl": "Naar het programma"},
    "people_title": {"en": "People", "nl": "Deelnemers"},
    "rounds_taken_part": {"en": "Rounds", "nl": "Rondes"},
    "organisation": {"en": "Organisation", "nl": "Organisatie"},
    "name": {"en": "Name", "nl": "Naam"},
    "export_person": {"en": "Export (JSON)", "nl": "Exporteren (JSON)"},
    "forget_person": {"en": "Forget…", "nl": "Vergeten…"},
    "forget_title": {"en": "Forget {name}?", "nl": "{name} vergeten?"},
    "forget_explained": {
        "en": "This deletes {name} from every round, intake, version and question of this "
        "programme, and removes what other people's answers say about them. It cannot be undone.",
        "nl": "Dit verwijdert {name} uit elke ronde, intake, versie en vraag van dit programma, "
        "en wist wat de antwoorden van anderen over deze persoon zeggen. Dit kan niet ongedaan "
        "worden gemaakt.",
    },
    "forget_confirm": {"en": "Yes, forget this person", "nl": "Ja, deze persoon vergeten"},
    "forgotten": {
        "en": "Forgotten: {rows} intake rows and everything linked to them.",
        "nl": "Vergeten: {rows} intakerijen en alles wat eraan vastzit.",
    },
    "delete_programme": {"en": "Delete programme…", "nl": "Programma verwijderen…"},
    "delete_title": {"en": "Delete programme {name}?", "nl": "Programma {name} verwijderen?"},
    "delete_explained": {
        "en": "This deletes the programme with all its rounds, intakes, versions and people. It "
        "cannot be undone.",
        "nl": "Dit verwijdert het programma met al zijn rondes, intakes, versies en deelnemers. "
        "Dit kan niet ongedaan worden gemaakt.",
    },
    "delete_confirm": {"en": "Yes, delete it", "nl": "Ja, verwijderen"},
    "deleted": {"en": "Programme {name} deleted.", "nl": "Programma {name} verwijderd."},
    "back": {"en": "Back", "nl": "Terug"},
}
