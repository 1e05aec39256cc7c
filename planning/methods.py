"""A case method per group from its members' experience with intervision (seeds 001, 003).

Beginner groups start with a simple structured method (the incident method); groups with
experience and trust move to reflective methods (Socratic, Balint). A mixed group starts
structured and moves on once trust is built.
"""

from __future__ import annotations

from collections.abc import Sequence

METHODS = {
    "incident": ("incident method", "incidentmethode"),
    "incident_then_reflective": (
        "incident method, then a reflective method (Socratic)",
        "incidentmethode, daarna een reflectieve methode (socratisch)",
    ),
    "reflective": (
        "reflective method (Socratic or Balint)",
        "reflectieve methode (socratisch of Balint)",
    ),
}


def method_name(key: str, lang: str) -> str:
    """The method in words."""
    en, nl = METHODS[key]
    return nl if lang == "nl" else en


def suggest_method(experience: Sequence[int | None]) -> tuple[str, str, str]:
    """(method key, reason en, reason nl) for a group's experience levels (0 none .. 2)."""
    known = [e for e in experience if e is not None]
    if not known:
        return (
            "incident",
            "Nobody's experience is known; a simple structured method is the safe start.",
            "Van niemand is de ervaring bekend; een eenvoudige gestructureerde methode is een "
            "veilige start.",
        )
    beginners = sum(e == 0 for e in known)
    experienced = sum(e == 2 for e in known)
    n = len(known)
    if beginners * 2 >= n:
        return (
            "incident",
            f"{beginners} of {n} members have no intervision experience: beginner groups "
            "start with a simple structured method.",
            f"{beginners} van {n} leden hebben geen ervaring met intervisie: beginnende "
            "groepen starten met een eenvoudige gestructureerde methode.",
        )
    if beginners == 0 and experienced * 2 >= n:
        return (
            "reflective",
            f"{experienced} of {n} members are experienced and none is new: the group can "
            "work with reflection-oriented methods.",
            f"{experienced} van {n} leden zijn ervaren en niemand is nieuw: de groep kan met "
            "reflectieve methoden werken.",
        )
    return (
        "incident_then_reflective",
        f"A mix of experience ({beginners} new, {experienced} experienced of {n}): start "
        "structured, move to a reflective method once trust is built.",
        f"Een mix van ervaring ({beginners} nieuw, {experienced} ervaren van {n}): begin "
        "gestructureerd en stap over op een reflectieve methode als het vertrouwen er is.",
    )
