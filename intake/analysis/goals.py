"""Learning-goal topics: which participants want to learn about similar things.

Intervision works best when members bring similar questions. Free-text goals (Dutch or English)
become TF-IDF word vectors (uni- and bigrams, Dutch and English stop words removed); NMF finds a
few named topics, each named after its top terms, so a coordinator can read what a group is
about. The vectors, not the topics, carry the fine-grained similarity for the optimiser.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

TERMS_PER_TOPIC = 5
TERMS_IN_NAME = 2
PHRASE_WITHIN = 3  # a bigram among a topic's first terms names it


@dataclass(frozen=True)
class GoalTopics:
    """Each person's goal topic (``None`` without a usable goal), goal vectors and topic summary.

    ``vectors`` is an n x d CSR matrix with L2-normalised rows (zero rows without a goal);
    ``topics`` has one row per topic: ``topic``, ``size``, ``top_terms``.
    """

    labels: tuple[str | None, ...]
    vectors: sparse.csr_matrix
    topics: pd.DataFrame


def goal_topics(
    texts: Sequence[str | None], *, n_topics: int | None = None, seed: int = 0
) -> GoalTopics:
    """Find named topics in learning-goal ``texts`` (one per person, table order).

    ``n_topics`` defaults to a number that grows slowly with the number of answered goals.
    """
    cleaned = [_clean(t) for t in texts]
    answered = [i for i, t in enumerate(cleaned) if t]
    empty_topics = pd.DataFrame(columns=["topic", "size", "top_terms"])
    vectorizer = TfidfVectorizer(
        stop_words=sorted(stop_words()),
        ngram_range=(1, 2),
        sublinear_tf=True,
        strip_accents="unicode",
        token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
    )
    try:
        answered_vectors = vectorizer.fit_transform([cleaned[i] for i in answered])
    except ValueError:  # nothing left after stop words: no usable goals at all
        return GoalTopics((None,) * len(texts), sparse.csr_matrix((len(texts), 0)), empty_topics)

    vectors = _spread_rows(normalize(answered_vectors), answered, len(texts))
    topic_count = n_topics or _default_topic_count(len(answered))
    topic_count = max(1, min(topic_count, *answered_vectors.shape))
    model = NMF(n_components=topic_count, init="nndsvda", random_state=seed, max_iter=500)
    with warnings.catch_warnings():
        # A few short answers converge slowly; the strongest topic per answer is still right.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(answered_vectors)
    terms = vectorizer.get_feature_names_out()
    top_terms = [
        tuple(terms[j] for j in np.argsort(-component, kind="stable")[:TERMS_PER_TOPIC])
        for component in model.components_
    ]
    names = _topic_names(top_terms)

    labels: list[str | None] = [None] * len(texts)
    for row, person in enumerate(answered):
        if weights[row].max() > 0:
            labels[person] = names[int(np.argmax(weights[row]))]
    topics = pd.DataFrame(
        {
            "topic": names,
            "size": [labels.count(name) for name in names],
            "top_terms": top_terms,
        }
    )
    topics = topics[topics["size"] > 0].sort_values(
        ["size", "topic"], ascending=[False, True], ignore_index=True
    )
    return GoalTopics(tuple(labels), vectors, topics)


@cache
def stop_words() -> frozenset[str]:
    """English (scikit-learn) and Dutch (shipped list) stop words."""
    text = (resources.files("intake") / "data" / "stopwords_nl.txt").read_text(encoding="utf-8")
    dutch = {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}
    return frozenset(dutch | ENGLISH_STOP_WORDS)


def _clean(text: str | None) -> str:
    return text.strip() if isinstance(text, str) else ""


def _default_topic_count(answered: int) -> int:
    """About one topic per 15 answers, at least 2 and at most 12: enough to tell goals apart."""
    return int(np.clip(round(answered / 15), 2, 12))


def _spread_rows(matrix: sparse.spmatrix, rows: list[int], total: int) -> sparse.csr_matrix:
    """Place the rows of ``matrix`` at positions ``rows`` of a ``total``-row matrix of zeros."""
    pick = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, range(len(rows)))), shape=(total, matrix.shape[0])
    )
    return sparse.csr_matrix(pick @ matrix)


def _topic_names(top_terms: list[tuple[str, ...]]) -> list[str]:
    """Name a topic by its leading phrase ("moeilijke gesprekken"), else its first two words.

    A bigram among the first few terms reads as what people wrote; two unrelated words are
    joined with a slash. A name that is taken already gets a number.
    """
    names: list[str] = []
    for terms in top_terms:
        phrases = [t for t in terms[:PHRASE_WITHIN] if " " in t]
        name = phrases[0] if phrases else " / ".join(terms[:TERMS_IN_NAME])
        if name in names:
            name = f"{name} ({len(names) + 1})"
        names.append(name)
    return names
