"""Learning-goal topics: obviously similar goals share a topic, vectors are comparable."""

from __future__ import annotations

import numpy as np

from intake.analysis.goals import goal_topics, stop_words

GOALS = {
    "feedback": [
        "Beter feedback geven aan collega's",
        "Feedback geven en ontvangen in het team",
        "I want to learn to give feedback",
        "feedback ontvangen zonder in de verdediging te schieten",
    ],
    "grenzen": [
        "Grenzen stellen bij cliënten",
        "grenzen aangeven bij cliënten en familie",
        "Setting boundaries with clients",
        "beter mijn grenzen bewaken",
    ],
    "werkdruk": [
        "Omgaan met werkdruk en timemanagement",
        "werkdruk verminderen",
        "Timemanagement: prioriteiten stellen bij hoge werkdruk",
        "coping with workload and work pressure, werkdruk",
    ],
}


def _texts() -> tuple[list[str], list[str]]:
    texts, truth = [], []
    for topic, goals in GOALS.items():
        texts += goals
        truth += [topic] * len(goals)
    return texts, truth


def test_similar_goals_share_a_topic():
    texts, truth = _texts()
    result = goal_topics(texts, n_topics=3)
    for topic in GOALS:
        labels = [label for label, t in zip(result.labels, truth, strict=True) if t == topic]
        most_common = max(set(labels), key=labels.count)
        assert labels.count(most_common) >= 3, (topic, labels)
        assert topic in most_common
    assert len(set(result.labels)) == 3


def test_topics_are_named_after_their_terms_and_sized():
    texts, _ = _texts()
    result = goal_topics(texts, n_topics=3)
    assert result.topics["size"].sum() == len(texts)
    for row in result.topics.itertuples():
        assert row.topic.split(" / ")[0] in row.top_terms
        assert row.size == result.labels.count(row.topic)


def test_vectors_are_row_normalised_and_empty_goals_are_zero():
    texts, _ = _texts()
    result = goal_topics([*texts, None, "   ", "en de het"], n_topics=3)
    vectors = result.vectors.toarray()
    norms = np.linalg.norm(vectors, axis=1)
    np.testing.assert_allclose(norms[: len(texts)], 1.0)
    np.testing.assert_array_equal(norms[len(texts) :], 0.0)
    assert result.labels[len(texts) :] == (None, None, None)
    similarity = vectors[: len(texts)] @ vectors[: len(texts)].T
    assert similarity[0, 1] > similarity[0, 4]  # feedback vs feedback > feedback vs grenzen


def test_dutch_and_english_stop_words_are_removed():
    words = stop_words()
    assert {"de", "het", "een", "the", "and", "leren"} <= words
    result = goal_topics(["het leren van de feedback", "de feedback en het team"], n_topics=1)
    assert not {"het", "de", "leren"} & set(result.topics["top_terms"].iloc[0])


def test_no_usable_goals():
    result = goal_topics([None, "", "de het een"])
    assert result.labels == (None, None, None)
    assert result.topics.empty
    assert result.vectors.shape[0] == 3


def test_same_texts_and_seed_give_the_same_topics():
    texts, _ = _texts()
    first, second = goal_topics(texts, seed=3), goal_topics(texts, seed=3)
    assert first.labels == second.labels
    assert first.topics.equals(second.topics)
