"""Turn the many ways people answer an intake question, in Dutch and English, into values.

Intake files come from Microsoft Forms, Google Forms or hand-made spreadsheets, so one answer
arrives in many phrasings ("Beide", "allebei", "50/50"). Every ``parse_*`` function reads one
cell and returns a :class:`Parsed` value with a status instead of raising, so the pipeline can
turn each doubt into an issue a coordinator can check (``note_en`` / ``note_nl`` quote the input
and say how it was read). Matching works on lower-cased, accent-free text with small
vocabularies and regular expressions; rapidfuzz only rescues single mistyped words
("beslissr", "ochtent"), and such a rescue is always reported as GUESSED.

One module per field; this package exports the parsers the pipeline calls.
"""

from intake.values.dates import parse_datetime
from intake.values.email_address import parse_email
from intake.values.experience import parse_experience
from intake.values.learning import STYLES, parse_learn_give, parse_learning_style
from intake.values.level import parse_level
from intake.values.moments import MOMENTS, parse_meeting_moments
from intake.values.parsed import Parsed, ParseStatus, clean_text, split_multi
from intake.values.time_budget import parse_time_budget
from intake.values.travel import parse_max_travel
from intake.values.yes_no import parse_online, parse_yes_no

__all__ = [
    "MOMENTS",
    "STYLES",
    "ParseStatus",
    "Parsed",
    "clean_text",
    "parse_datetime",
    "parse_email",
    "parse_experience",
    "parse_learn_give",
    "parse_learning_style",
    "parse_level",
    "parse_max_travel",
    "parse_meeting_moments",
    "parse_online",
    "parse_time_budget",
    "parse_yes_no",
    "split_multi",
]
