"""Meeting moments: the parts of a day a group can meet in, and what they are called.

The intake reads answers into these keys, the solver's meeting-moment rule chooses one per
group, the planner gives each a start time and the reports name them: the keys and their
English and Dutch names live here once. ``intake`` and ``optimiser`` do not import each other,
so like ``road`` this is a top-level module.
"""

from __future__ import annotations

MOMENTS: tuple[str, ...] = ("morning", "afternoon", "late_afternoon", "evening")

_NAMES = {
    "en": {
        "morning": "morning",
        "afternoon": "afternoon",
        "late_afternoon": "late afternoon",
        "evening": "evening",
    },
    "nl": {
        "morning": "ochtend",
        "afternoon": "middag",
        "late_afternoon": "eind van de middag",
        "evening": "avond",
    },
}


# When a group meets, as the part of a sentence that says so: "she can come 's ochtends" (a
# moment's name after "in de" would read "in de eind van de middag").
_WHEN = {
    "en": {
        "morning": "in the morning",
        "afternoon": "in the afternoon",
        "late_afternoon": "late in the afternoon",
        "evening": "in the evening",
    },
    "nl": {
        "morning": "'s ochtends",
        "afternoon": "'s middags",
        "late_afternoon": "aan het eind van de middag",
        "evening": "'s avonds",
    },
}


def moment_when(moment: str, language: str = "en") -> str:
    """When a moment is, to use in a sentence ("'s ochtends", "late in the afternoon")."""
    return _WHEN["nl" if language == "nl" else "en"].get(moment, moment)


def moment_names(language: str = "en") -> dict[str, str]:
    """Every moment's name in ``language`` ("en" or "nl"), in :data:`MOMENTS` order."""
    return dict(_NAMES["nl" if language == "nl" else "en"])


def moment_name(moment: str, language: str = "en") -> str:
    """A moment's name in ``language``; an unknown key is returned as it is."""
    return _NAMES["nl" if language == "nl" else "en"].get(moment, moment)
