"""Close spellings of an answer among many keys, without scoring every key.

The geocoder reads a misspelt place ("Amersfoot") by the Indel ratio (rapidfuzz's
``fuzz.ratio``) against some 16,000 place keys. Scoring every key costs a millisecond or more
per answer, and a file of junk reaches that step on nearly every row, so junk was read several
times slower than a real intake. Two upper bounds of the ratio rule out most keys first: the
length of each key (the distance is at least the difference in length) and the letters it
shares with the answer (a common subsequence holds no more of a letter than either string).
Only keys that could reach the cutoff are scored, in their original order, so the answer is
the one scoring every key would give.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 "  # any other character shares one count
_INDEX = {character: index for index, character in enumerate(_ALPHABET)}
_OTHER = len(_ALPHABET)
_LETTER_OF_POINT = np.full(128, _OTHER, dtype=np.int64)  # code point -> count column
_LETTER_OF_POINT[[ord(character) for character in _ALPHABET]] = np.arange(len(_ALPHABET))


class CloseSpellings:
    """The keys within ``cutoff`` (0-100, ``fuzz.ratio``) of a text, best first."""

    def __init__(self, keys: Sequence[str], cutoff: float) -> None:
        self._keys = tuple(keys)
        self._cutoff = cutoff
        # By length, so that the lengths that can reach the cutoff are one slice; the stable
        # sort keeps the callers' order within a length, and ``_rank`` restores it overall.
        lengths = np.array([len(key) for key in self._keys], dtype=np.int64)
        self._rank = np.argsort(lengths, kind="stable")
        self._lengths = lengths[self._rank]
        # One row per letter: an answer's few distinct letters read a few contiguous rows.
        self._counts = _letter_counts([self._keys[i] for i in self._rank]).T.copy()

    def extract(self, text: str, limit: int) -> list[tuple[str, float]]:
        """At most ``limit`` (key, score) pairs scoring at least the cutoff, as
        ``process.extract(text, keys, scorer=fuzz.ratio, score_cutoff=cutoff)`` gives them:
        highest score first, ties in the order of the keys."""
        n = len(text)
        # ratio <= 200 * min(n, m) / (n + m); the slice is one length wider on each side than
        # that bound, so float rounding cannot drop a key (the letter bound below is exact).
        shortest = math.floor(self._cutoff * n / (200 - self._cutoff)) - 1
        longest = math.ceil((200 - self._cutoff) * n / max(self._cutoff, 1e-9)) + 1
        start = int(np.searchsorted(self._lengths, shortest, side="left"))
        stop = int(np.searchsorted(self._lengths, longest, side="right"))
        wanted = Counter(_INDEX.get(character, _OTHER) for character in text)
        shared = np.zeros(stop - start, dtype=np.int64)
        for letter, count in wanted.items():
            shared += np.minimum(self._counts[letter, start:stop], count)
        # ratio = 200 * LCS / (n + m) and LCS <= shared letters.
        possible = 200 * shared >= self._cutoff * (n + self._lengths[start:stop])
        ranks = np.sort(self._rank[start:stop][possible])
        candidates = [self._keys[i] for i in ranks]
        matches = process.extract(
            text, candidates, scorer=fuzz.ratio, score_cutoff=self._cutoff, limit=limit
        )
        return [(choice, score) for choice, score, _ in matches]


def _letter_counts(texts: Sequence[str]) -> np.ndarray:
    """How often each letter occurs in each text: one row per text."""
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    columns = np.full(len(points), _OTHER, dtype=np.int64)
    known = points < len(_LETTER_OF_POINT)
    columns[known] = _LETTER_OF_POINT[points[known]]
    cells = np.repeat(np.arange(len(texts)), lengths) * (_OTHER + 1) + columns
    counts = np.bincount(cells, minlength=len(texts) * (_OTHER + 1))
    return counts.reshape(len(texts), _OTHER + 1).astype(np.int32)
