"""What a sample is made of (size, style, language, mess) and the generator's constants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DATA_DIR = Path(__file__).parents[1] / "data"
MESS_KINDS = (
    "duplicate", "place_typo", "postcode_typo", "empty_function", "email_caps",
    "trailing_space", "nvt", "vague_time", "avoid_colleague", "missing_moments",
    "odd_answer", "missing_postcode",
)
# Mess kinds after which the written location is not in the geo data on purpose.
UNRESOLVABLE_LOCATION_MESS = ("place_typo", "postcode_typo", "missing_postcode")
PLANTED = ("lonely_function", "unshared_moment", "far_away")
TRAVEL_MARGIN_KM = 6.0  # covers place-name coordinates that differ from the postcode's
MEMBER_RADIUS_KM = 7.0  # witness group members work within this distance of a group centre
REGION_RADIUS_KM = 25.0
FIXED_FILE_TIME = datetime(2026, 11, 9, 9, 0, 0)
FIRST_SUBMISSION = datetime(2026, 10, 5)
SUBMISSION_WINDOW_DAYS = 31
PC6_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
SHEET_NAMES = {
    ("hand", "nl"): "Deelnemers", ("hand", "en"): "Participants",
    ("msforms", "nl"): "Form1", ("msforms", "en"): "Form1",
    ("gforms", "nl"): "Formulierreacties 1", ("gforms", "en"): "Form Responses 1",
}
STYLES = ("hand", "msforms", "gforms")
LANGS = ("nl", "en")


@dataclass(frozen=True)
class SampleSpec:
    """What to generate: size, seed, file style, language, share of messy rows, planted problems."""

    n: int = 150
    seed: int = 1
    style: str = "hand"
    lang: str = "nl"
    mess: float = 0.05
    plant_problems: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, not {self.style!r}")
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {self.lang!r}")
        if not 0.0 <= self.mess <= 1.0:
            raise ValueError("mess must be between 0 and 1")
        if self.n < 20:
            raise ValueError("n must be at least 20 so that groups can form")
