"""Analysis of a participant table: function families, goal topics, feasibility and profile.

:func:`analyse` is the one entry point: it adds ``function_family`` and ``goal_topic`` to a copy
of the table, builds the similarity vectors the optimiser scores pairs with, diagnoses what will
stop groups from forming and counts the answers. See ``docs/participant_table.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from intake.analysis.feasibility import (
    DEFAULT_TRAVEL_LIMIT_KM,
    CandidatePlaces,
    Finding,
    diagnose,
)
from intake.analysis.functions import FunctionFamilies, function_families, load_family_overrides
from intake.analysis.goals import GoalTopics, goal_topics
from intake.analysis.profile import profile, profile_charts

__all__ = [
    "Analysis",
    "CandidatePlaces",
    "Finding",
    "FunctionFamilies",
    "GoalTopics",
    "Similarities",
    "analyse",
    "annotate",
    "diagnose",
    "function_families",
    "goal_topics",
    "load_family_overrides",
    "profile",
    "profile_charts",
]


@dataclass(frozen=True)
class Similarities:
    """Per-person vectors and labels, aligned with the table's rows.

    The similarity of persons i and j is ``vectors[i] @ vectors[j]`` (cosine, in [0, 1]); the
    optimiser turns these into pair scores without an n x n matrix.
    """

    function_vectors: sparse.csr_matrix | np.ndarray
    goal_vectors: sparse.csr_matrix | np.ndarray
    function_family: tuple[str, ...]
    goal_topic: tuple[str | None, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyse` found; ``table`` is a copy with the two analysis columns."""

    table: pd.DataFrame
    similarities: Similarities
    families: pd.DataFrame
    topics: pd.DataFrame
    diagnosis: list[Finding]
    profile: dict[str, pd.Series]


def annotate(
    table: pd.DataFrame,
    *,
    family_overrides: Mapping[str, str] | None = None,
    seed: int = 0,
    language: str = "en",
) -> tuple[pd.DataFrame, Similarities]:
    """What the optimiser needs and no more: the table with the analysis columns added (a
    copy), and the similarity vectors. Forming groups calls this rather than :func:`analyse`,
    so it never pays for the diagnosis and profile. Family and occupation names are in
    ``language``."""
    return _annotate(table, family_overrides, seed, language)[:2]


def _annotate(
    table: pd.DataFrame, family_overrides: Mapping[str, str] | None, seed: int, language: str
) -> tuple[pd.DataFrame, Similarities, FunctionFamilies, GoalTopics]:
    families = function_families(
        _texts(table, "function"), overrides=family_overrides, language=language
    )
    topics = goal_topics(_texts(table, "learning_goals"), seed=seed)
    similarities = Similarities(
        function_vectors=families.vectors,
        goal_vectors=topics.vectors,
        function_family=families.labels,
        goal_topic=topics.labels,
    )
    analysed = table.copy()
    analysed["function_family"] = list(families.labels)
    analysed["occupation_code"] = [o.code if o else None for o in families.occupations]
    analysed["occupation"] = [o.name(language) if o else None for o in families.occupations]
    analysed["isco_group"] = [o.isco if o else None for o in families.occupations]
    analysed["goal_topic"] = pd.Series(list(topics.labels), index=table.index, dtype=object)
    return analysed, similarities, families, topics


def analyse(
    table: pd.DataFrame,
    *,
    family_overrides: Mapping[str, str] | None = None,
    min_size: int = 5,
    max_size: int = 8,
    seed: int = 0,
    language: str = "en",
    default_travel_limit_km: float = DEFAULT_TRAVEL_LIMIT_KM,
    places: CandidatePlaces | None = None,
) -> Analysis:
    """Cluster functions and goals, diagnose feasibility and count answers for ``table``
    (people without a travel limit held to ``default_travel_limit_km``, groups meeting at
    ``places``, as the solver has them: ``workflow.analyse_intake`` passes both)."""
    analysed, similarities, families, topics = _annotate(table, family_overrides, seed, language)
    return Analysis(
        table=analysed,
        similarities=similarities,
        families=families.families,
        topics=topics.topics,
        diagnosis=diagnose(
            analysed,
            similarities,
            min_size=min_size,
            max_size=max_size,
            default_travel_limit_km=default_travel_limit_km,
            places=places,
        ),
        profile=profile(analysed),
    )


def _texts(table: pd.DataFrame, column: str) -> list[str | None]:
    """A text column as a list with ``None`` for missing values (absent column: all missing)."""
    if column not in table:
        return [None] * len(table)
    return [v if isinstance(v, str) and v.strip() else None for v in table[column]]
