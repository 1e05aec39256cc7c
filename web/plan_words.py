"""The Plan step's words in English and Dutch; :mod:`web.i18n` adds them to the pages' words."""

from __future__ import annotations

PLAN_TEXT: dict[str, dict[str, str]] = {
    "step_plan": {"en": "Plan", "nl": "Planning"},
    "plan_title": {"en": "Programme plan", "nl": "Programmaplanning"},
    "plan_intro": {
        "en": "Give every group a facilitator and its meetings for the year: upload the "
        "facilitator list, choose the period and plan. Move a meeting or give a group another "
        "facilitator: the change is checked at once, and kept when you plan again.",
        "nl": "Geef elke groep een begeleider en haar bijeenkomsten voor het jaar: upload de "
        "lijst van begeleiders, kies de periode en plan. Verplaats een bijeenkomst of geef een "
        "groep een andere begeleider: de wijziging wordt meteen gecontroleerd en blijft staan "
        "als je opnieuw plant.",
    },
    "plan_groups_first": {
        "en": "Form groups first: the plan is made for the groups on the Groups page.",
        "nl": "Vorm eerst groepen: de planning wordt gemaakt voor de groepen op de pagina Groepen.",
    },
    "plan_no_groups": {
        "en": "There are no groups yet; form groups before planning the programme.",
        "nl": "Er zijn nog geen groepen; vorm eerst groepen en plan dan het programma.",
    },
    "plan_list_first": {
        "en": "Upload the facilitator list first.",
        "nl": "Upload eerst de lijst van begeleiders.",
    },
    "plan_start_first": {
        "en": "Choose the programme's first day first.",
        "nl": "Kies eerst de eerste dag van het programma.",
    },
    "plan_first": {
        "en": "There is no plan yet; plan the programme first.",
        "nl": "Er is nog geen planning; plan eerst het programma.",
    },
    "plan_stale": {
        "en": "The groups changed since this plan was made; plan again before downloading.",
        "nl": "De groepen zijn veranderd sinds deze planning is gemaakt; plan opnieuw voor je "
        "downloadt.",
    },
    "plan_list_title": {"en": "1. Facilitator list", "nl": "1. Lijst van begeleiders"},
    "plan_list_hint": {
        "en": "An .xlsx, .ods or .csv file (at most {mb} MB) with a row per facilitator: name, "
        "e-mail, postcode or place, background, groups per year, availability (days and times "
        "of day), unavailable periods (2027-07-12 t/m 2027-08-20), maximum travel, "
        "organisation. Dutch or English headers.",
        "nl": "Een .xlsx-, .ods- of .csv-bestand (hoogstens {mb} MB) met een rij per "
        "begeleider: naam, e-mail, postcode of plaats, achtergrond, groepen per jaar, "
        "beschikbaarheid (dagen en dagdelen), afwezigheid (2027-07-12 t/m 2027-08-20), "
        "maximale reisafstand, organisatie. Kopjes in het Nederlands of Engels.",
    },
    "plan_list_read": {
        "en": "{file}: {count} facilitators read.",
        "nl": "{file}: {count} begeleiders ingelezen.",
    },
    "plan_list_button": {"en": "Upload the list", "nl": "Lijst uploaden"},
    "plan_list_refused": {"en": "The list cannot be used", "nl": "De lijst is niet bruikbaar"},
    "plan_list_issues": {"en": "What to check in the list", "nl": "Wat te controleren in de lijst"},
    "plan_list_too_long": {
        "en": "'{name}' has {rows} facilitators; the web app takes lists of up to {most}. "
        "Split the list, for instance by region, or use the command line (intervisie plan).",
        "nl": "'{name}' heeft {rows} begeleiders; de web-app neemt lijsten van hoogstens {most}. "
        "Splits de lijst, bijvoorbeeld per regio, of gebruik de opdrachtregel (intervisie plan).",
    },
    "plan_programme_title": {"en": "2. Programme", "nl": "2. Programma"},
    "plan_blocked_title": {
        "en": "Blocked periods (school holidays, closures): optional",
        "nl": "Geblokkeerde periodes (schoolvakanties, sluitingen): niet verplicht",
    },
    "plan_blocked_hint": {
        "en": "An .xlsx, .ods or .csv file with a row per period: start and end (or one column "
        "period, like 2027-07-19 t/m 2027-08-27), what it is, and a country (NL or BE) if it "
        "holds for groups with a member there only. School holidays are not built in: take "
        "them from your region's official table.",
        "nl": "Een .xlsx-, .ods- of .csv-bestand met een rij per periode: start en eind (of één "
        "kolom periode, zoals 2027-07-19 t/m 2027-08-27), wat het is, en een land (NL of BE) "
        "als de periode alleen geldt voor groepen met een lid daar. Schoolvakanties zijn niet "
        "ingebouwd: neem ze over uit de officiële tabel van je regio.",
    },
    "plan_blocked_example": {
        "en": "Example file (.csv, English headers)",
        "nl": "Voorbeeldbestand (.csv, Nederlandse kopjes)",
    },
    "plan_blocked_button": {"en": "Upload the periods", "nl": "Periodes uploaden"},
    "plan_blocked_remove": {"en": "Plan without them", "nl": "Zonder deze periodes plannen"},
    "plan_blocked_refused": {
        "en": "The periods cannot be used",
        "nl": "De periodes zijn niet bruikbaar",
    },
    "plan_blocked_read": {
        "en": "{file}: {count} blocked period(s) read.",
        "nl": "{file}: {count} geblokkeerde periode(s) ingelezen.",
    },
    "plan_blocked_from": {"en": "From", "nl": "Van"},
    "plan_blocked_to": {"en": "To (inclusive)", "nl": "Tot en met"},
    "plan_blocked_what": {"en": "What", "nl": "Wat"},
    "plan_blocked_who": {"en": "For", "nl": "Voor"},
    "plan_blocked_everyone": {"en": "every group", "nl": "elke groep"},
    "plan_blocked_country": {
        "en": "groups with a member in {country}",
        "nl": "groepen met een lid in {country}",
    },
    "plan_country_nl": {"en": "the Netherlands", "nl": "Nederland"},
    "plan_country_be": {"en": "Belgium", "nl": "België"},
    "plan_blocked_level": {"en": "Blocked periods", "nl": "Geblokkeerde periodes"},
    "plan_blocked_soft": {
        "en": "avoid them where possible",
        "nl": "vermijden waar het kan",
    },
    "plan_blocked_hard": {"en": "never plan in them", "nl": "nooit in plannen"},
    "plan_blocked_summary": {
        "en": "{meetings} meeting(s) fall in one of the {periods} blocked period(s).",
        "nl": "{meetings} bijeenkomst(en) vallen in een van de {periods} geblokkeerde periode(s).",
    },
    "plan_in_blocked": {
        "en": "in a blocked period: {what}",
        "nl": "in een geblokkeerde periode: {what}",
    },
    "plan_periods_changed": {
        "en": "The blocked periods changed since this plan was made; plan again to plan around "
        "them.",
        "nl": "De geblokkeerde periodes zijn veranderd sinds deze planning is gemaakt; plan "
        "opnieuw om eromheen te plannen.",
    },
    "plan_start_date": {"en": "First day", "nl": "Eerste dag"},
    "plan_end_date": {
        "en": "Last day (empty: a year after the first)",
        "nl": "Laatste dag (leeg: een jaar na de eerste)",
    },
    "plan_meetings_label": {
        "en": "Meetings per group, kick-off included",
        "nl": "Bijeenkomsten per groep, de start meegeteld",
    },
    "plan_weeks_between": {"en": "Weeks between meetings", "nl": "Weken tussen bijeenkomsten"},
    "plan_weeks_to": {"en": "to", "nl": "tot"},
    "plan_button": {"en": "Plan the programme", "nl": "Programma plannen"},
    "plan_bad_date": {
        "en": "{field}: {value!r} is not a date; write it as YYYY-MM-DD.",
        "nl": "{field}: {value!r} is geen datum; schrijf hem als JJJJ-MM-DD.",
    },
    "plan_bad_number": {
        "en": "{field}: {value!r} is not a whole number.",
        "nl": "{field}: {value!r} is geen heel getal.",
    },
    "plan_result_title": {"en": "3. The plan", "nl": "3. De planning"},
    "plan_planning_job": {"en": "Planning the programme", "nl": "Programma plannen"},
    "plan_summary": {
        "en": "{with_f} of {groups} groups have a facilitator and {with_m} have their meetings, "
        "from {start} to {end}.",
        "nl": "{with_f} van de {groups} groepen hebben een begeleider en {with_m} hun "
        "bijeenkomsten, van {start} tot en met {end}.",
    },
    "plan_replan_button": {
        "en": "Plan again around what is fixed",
        "nl": "Opnieuw plannen rond wat vastligt",
    },
    "plan_release_button": {"en": "Forget what was fixed", "nl": "Vastgelegde keuzes vergeten"},
    "plan_fixed_count": {
        "en": "Fixed: {dates} meeting date(s), {pins} facilitator(s).",
        "nl": "Vast: {dates} datum(s), {pins} begeleider(s).",
    },
    "plan_download_plan": {
        "en": "Download workbook with plan",
        "nl": "Werkmap met planning downloaden",
    },
    "plan_download_calendars": {
        "en": "Download calendars (.zip of .ics)",
        "nl": "Agenda's downloaden (.zip met .ics)",
    },
    "plan_download_stem": {"en": "plan", "nl": "planning"},
    "plan_per_group": {"en": "Calendar per group", "nl": "Agenda per groep"},
    "plan_per_facilitator": {"en": "Calendar per facilitator", "nl": "Agenda per begeleider"},
    "plan_facilitator": {"en": "Facilitator", "nl": "Begeleider"},
    "plan_no_facilitator": {"en": "no facilitator", "nl": "geen begeleider"},
    "plan_pinned_mark": {"en": "kept", "nl": "vast"},
    "plan_fixed_mark": {"en": "fixed", "nl": "vast"},
    "plan_meets_on": {"en": "Meets on {day}, {moment}", "nl": "Komt samen op {day}, {moment}"},
    "plan_method": {"en": "Method", "nl": "Methode"},
    "plan_members_label": {"en": "Members", "nl": "Leden"},
    "plan_host": {"en": "hosted by {name}", "nl": "bij {name}"},
    "plan_kickoff": {"en": "kick-off", "nl": "start"},
    "plan_meeting_n": {"en": "meeting {n}", "nl": "bijeenkomst {n}"},
    "plan_move_to": {"en": "Move to", "nl": "Verplaatsen naar"},
    "plan_move_button": {"en": "Move", "nl": "Verplaatsen"},
    "plan_replan_rest": {
        "en": "and plan the group's other meetings around it",
        "nl": "en plan de andere bijeenkomsten van de groep eromheen",
    },
    "plan_swap_to": {"en": "Other facilitator", "nl": "Andere begeleider"},
    "plan_swap_button": {"en": "Swap", "nl": "Wisselen"},
    "plan_does_not_fit": {"en": "does not fit", "nl": "past niet"},
    "plan_swap_replan": {
        "en": "and plan the group's dates again for this facilitator",
        "nl": "en plan de data van de groep opnieuw voor deze begeleider",
    },
    "plan_kept_move": {
        "en": "The meeting of group {group} is moved and fixed: planning again keeps it.",
        "nl": "De bijeenkomst van groep {group} is verplaatst en ligt vast: opnieuw plannen "
        "houdt haar zo.",
    },
    "plan_kept_swap": {
        "en": "Group {group} now has {name}: planning again keeps this facilitator.",
        "nl": "Groep {group} heeft nu {name}: opnieuw plannen houdt deze begeleider.",
    },
    "plan_refused_change": {
        "en": "Not done, for group {group}:",
        "nl": "Niet gedaan, voor groep {group}:",
    },
    "plan_load": {"en": "{groups} of {capacity} groups", "nl": "{groups} van {capacity} groepen"},
    "plan_no_meetings": {"en": "No meetings.", "nl": "Geen bijeenkomsten."},
    "plan_any_moment": {"en": "any time of day", "nl": "elk dagdeel"},
}


def plan_word(key: str, lang: str = "en", **values: object) -> str:
    """The Plan step's text for ``key`` in ``lang``."""
    entry = PLAN_TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
