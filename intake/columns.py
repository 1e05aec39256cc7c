"""Map spreadsheet headers to the canonical intake fields by what they mean.

Coordinators upload Microsoft Forms and Google Forms exports (one column per full question
text, Dutch or English) or hand-made sheets with short headers ("Naam", "Org.", "PC"). This
module decides, per header, which canonical field it holds, how sure that is and why, so the
pipeline can read any of them and tell the coordinator what it did with every column.

Matching one header, first hit wins:

1. the normalised header (accents, case, punctuation and bracketed hints such as
   "(meerdere antwoorden mogelijk)" removed) is a known label or question text in
   ``intake/data/header_synonyms.toml`` -> confidence 1.0;
2. otherwise the best of: keyword rules from the same file (the weight of the strongest
   keyword, 0.8-0.96, so "naam leidinggevende" is a manager and not a name; reported as
   "question text") and rapidfuzz similarity to the vocabulary for typos ("Organisatei",
   "Emial"; reported as "fuzzy", scaled below 0.9). The vocabulary also lists columns that
   resemble a field but are something else ("werkervaring", "hoe vaak", "juist wel met"):
   they win ties and leave the column unknown. Below ``MIN_CONFIDENCE`` the column is
   unknown too (``field=None``) and carried along untouched.

Then the whole header row is considered: mapping-file entries replace the above; an "ID"
column is Forms metadata only in a Microsoft Forms export; the respondent's account columns
of a Forms export ("Email", "Name" after the start/completion time) give way to any question
that asks the same; a place column ("Woonplaats") is the ``location`` unless there is also a
postcode column, in which case it becomes ``place_hint``; and every field is given to one
column at most (mapping file first, then best confidence, ties to the leftmost); the others
are reported unmapped with a note that says why.

Mapping file (TOML), for headers the vocabulary gets wrong or must leave alone::

    [columns]
    "Wat is uw huidige rol?" = "function"
    "Interne code" = "ignore"     # carried along, never interpreted

Keys are matched to headers ignoring case and runs of white space; values are a canonical
field name or ``"ignore"``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

CANONICAL_FIELDS: tuple[str, ...] = (
    "name",
    "first_name",
    "last_name",
    "email",
    "function",
    "organisation",
    "team",
    "level",
    "manager",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget",
    "meeting_moments",
    "location",
    "place_hint",
    "country",
    "max_travel",
    "online",
    "experience",
    "avoid",
    "facilitator_wish",
    "remarks",
    "submitted_at",
    "form_id",
    "started_at",
    "modified_at",
)

MIN_CONFIDENCE = 0.6
"""Below this a column is left unknown: carrying a column along is cheaper than misreading it."""

VOCABULARY_PATH = Path(__file__).parent / "data" / "header_synonyms.toml"

_IGNORE = "ignore"
_UNRELATED = "unrelated"  # vocabulary entries for columns known to hold no intake field
_FUZZY_SCALE = 0.9  # a fuzzy match never outranks a known label or a strong keyword
_FUZZY_CUTOFF = 80  # rapidfuzz ratio for a whole header against a short label
_FUZZY_QUESTION_CUTOFF = 88  # against a question text: one changed word must not count
_TOKEN_FUZZY_CUTOFF = 85  # rapidfuzz ratio for one misspelt word against a keyword
_MIN_FUZZY_LENGTH = 4  # "pc", "id", "nr": too short to guess from
_ACCOUNT_CONFIDENCE = 0.9  # Forms account e-mail/name: known, but second to a question
_UNRELATED_NOTE = "known column that holds no intake field; carried along"
_METADATA_FIELDS = frozenset({"form_id", "started_at", "submitted_at", "modified_at"})
_ACCOUNT_FIELDS = frozenset({"email", "name"})
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ColumnMatch:
    """What one input column holds, how sure that is and how it was decided."""

    index: int  # position in the headers
    header: str  # header as in the file
    field: str | None  # canonical field, or None = unknown column, carried along untouched
    confidence: float  # 0..1
    how: str  # "exact" (the field's own name), "synonym" (a known label), "question text"
    # (a known question, or recognised by its keywords), "fuzzy", "mapping file",
    # "ignored by mapping file", or "unmatched"
    note: str = ""  # e.g. why a collision was resolved this way


class FormSource(StrEnum):
    """Where a sheet comes from; decides the multi-select separator and metadata columns."""

    MICROSOFT_FORMS = "microsoft_forms"
    GOOGLE_FORMS = "google_forms"
    HAND = "hand"


@dataclass(frozen=True)
class _Keyword:
    field: str
    pattern: re.Pattern[str]
    weight: float
    stem: str  # the keyword without wildcards, compared fuzzily with single misspelt words


@dataclass(frozen=True)
class _Vocabulary:
    labels: Mapping[str, str]  # normalised label -> field
    questions: Mapping[str, str]  # normalised question text -> field
    keywords: tuple[_Keyword, ...]
    fuzzy_labels: tuple[str, ...]  # normalised labels, for rapidfuzz
    fuzzy_questions: tuple[str, ...]  # normalised question texts, for rapidfuzz
    ms_forms_markers: frozenset[str]
    google_first_headers: frozenset[str]


def _normalise(text: object) -> str:
    """Header text reduced to what carries meaning: lower-case ASCII words, single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    plain = _BRACKETED.sub(" ", plain).replace("'", "").replace("\u2019", "")
    return " ".join(_NON_WORD.sub(" ", plain).split())


def _loose_key(header: str) -> str:
    """Mapping-file key form: the header ignoring case and runs of white space."""
    return " ".join(unicodedata.normalize("NFKC", header).casefold().split())


def _compile_keyword(field: str, keyword: str, weight: float) -> _Keyword:
    """A keyword as a whole-word regex; "*" stands for letters inside the same word."""
    words = [
        r"\w*".join(re.escape(_normalise(piece)) for piece in word.split("*"))
        for word in keyword.split()
    ]
    pattern = re.compile(r"(?<!\w)" + " ".join(words) + r"(?!\w)")
    return _Keyword(field, pattern, float(weight), keyword.replace("*", ""))


def _register(table: dict[str, str], texts: Sequence[str], field: str) -> None:
    for text in texts:
        key = _normalise(text)
        if table.get(key, field) != field:
            raise ValueError(
                f'{VOCABULARY_PATH.name}: "{text}" is listed for {table[key]} and for {field}'
            )
        table[key] = field


@cache
def _vocabulary() -> _Vocabulary:
    """The header vocabulary, read and checked once per process."""
    raw = tomllib.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))
    unknown = set(raw["fields"]) - set(CANONICAL_FIELDS)
    if unknown:
        raise ValueError(f"{VOCABULARY_PATH.name}: unknown fields {sorted(unknown)}")
    labels: dict[str, str] = {}
    questions: dict[str, str] = {}
    keywords: list[_Keyword] = []
    for field in (*CANONICAL_FIELDS, _UNRELATED):
        entry = raw[_UNRELATED] if field == _UNRELATED else raw["fields"].get(field, {})
        _register(labels, entry.get("labels", []), field)
        _register(questions, entry.get("questions", []), field)
        keywords.extend(
            _compile_keyword(field, word, weight)
            for word, weight in entry.get("keywords", {}).items()
        )
    clashes = labels.keys() & questions.keys()
    if any(labels[text] != questions[text] for text in clashes):
        raise ValueError(f"{VOCABULARY_PATH.name}: a label and a question disagree: {clashes}")
    sources = raw["sources"]
    return _Vocabulary(
        labels=labels,
        questions=questions,
        keywords=tuple(keywords),
        fuzzy_labels=tuple(sorted(labels)),
        fuzzy_questions=tuple(sorted(questions)),
        ms_forms_markers=frozenset(map(_normalise, sources["microsoft_forms"]["markers"])),
        google_first_headers=frozenset(map(_normalise, sources["google_forms"]["first_headers"])),
    )


def detect_source(headers: Sequence[str]) -> FormSource:
    """Recognise a Forms export by its fixed metadata headers; anything else is a hand sheet."""
    vocabulary = _vocabulary()
    normalised = [_normalise(header) for header in headers]
    if sum(header in vocabulary.ms_forms_markers for header in normalised) >= 2:
        return FormSource.MICROSOFT_FORMS
    if normalised and normalised[0] in vocabulary.google_first_headers:
        return FormSource.GOOGLE_FORMS
    return FormSource.HAND


def multi_value_separator(source: FormSource) -> str:
    """How the source joins the answers of a multi-select question in one cell.

    Hand sheets have no fixed convention; ";" is the most common and the value parsers also
    accept ",", "/" and "en".
    """
    return ", " if source is FormSource.GOOGLE_FORMS else ";"


def _field_from_name(name: str) -> str | None:
    """A mapping-file value as a field (None for "ignore"); unknown names fail with the list."""
    cleaned = name.strip().casefold()
    if cleaned == _IGNORE:
        return None
    if cleaned not in CANONICAL_FIELDS:
        valid = ", ".join(CANONICAL_FIELDS)
        raise ValueError(
            f'unknown field "{name}" in the column mapping; '
            f'use one of: {valid}, or "{_IGNORE}" to leave a column alone'
        )
    return cleaned


def load_mapping_file(path: Path) -> dict[str, str | None]:
    """Read a ``[columns]`` mapping file: header -> field, or None for "ignore".

    Raises ``ValueError`` (naming the file) for invalid TOML, a missing ``[columns]`` table,
    non-text values, unknown field names (the message lists the valid ones) and two keys that
    differ only in case or spacing.
    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML: {error}") from error
    columns = raw.get("columns")
    if not isinstance(columns, dict):
        raise ValueError(f'{path}: expected a [columns] table of "header" = "field" lines')
    mapping: dict[str, str | None] = {}
    seen: dict[str, str] = {}
    for header, value in columns.items():
        if not isinstance(value, str):
            raise ValueError(f'{path}: the value for "{header}" must be a field name in quotes')
        key = _loose_key(header)
        if key in seen:
            raise ValueError(f'{path}: "{header}" and "{seen[key]}" are the same header')
        seen[key] = header
        try:
            mapping[header] = _field_from_name(value)
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from error
    return mapping


def _keyword_scores(normalised: str, vocabulary: _Vocabulary) -> dict[str, float]:
    """Per field, the weight of its strongest keyword in the header (misspelt words count less)."""
    scores: dict[str, float] = {}
    tokens = [token for token in normalised.split() if len(token) >= 5]
    for keyword in vocabulary.keywords:
        if keyword.pattern.search(normalised):
            score = keyword.weight
        elif " " not in keyword.stem and len(keyword.stem) >= 6 and tokens:
            best = process.extractOne(
                keyword.stem, tokens, scorer=fuzz.ratio, score_cutoff=_TOKEN_FUZZY_CUTOFF
            )
            score = keyword.weight * best[1] / 100 if best else 0.0
        else:
            continue
        if score > scores.get(keyword.field, 0.0):
            scores[keyword.field] = score
    return scores


def _rank(field: str) -> int:
    """Tie-break order between fields; "unrelated" wins ties, so doubt leaves a column alone."""
    return -1 if field == _UNRELATED else CANONICAL_FIELDS.index(field)


def _propose(index: int, header: str, vocabulary: _Vocabulary) -> ColumnMatch:
    """The best field for one header on its own, before the rest of the row is considered."""
    normalised = _normalise(header)
    if not normalised:
        return ColumnMatch(index, header, None, 0.0, "unmatched", "empty header")
    known = vocabulary.labels.get(normalised) or vocabulary.questions.get(normalised)
    if known == _UNRELATED:
        return ColumnMatch(index, header, None, 0.0, "unmatched", _UNRELATED_NOTE)
    if known:
        if normalised not in vocabulary.labels:
            how = "question text"
        elif normalised == known.replace("_", " "):
            how = "exact"
        else:
            how = "synonym"
        return ColumnMatch(index, header, known, 1.0, how)

    candidates: list[tuple[float, int, str, str]] = [
        (score, -_rank(field), field, "question text")
        for field, score in _keyword_scores(normalised, vocabulary).items()
    ]
    if len(normalised) >= _MIN_FUZZY_LENGTH:
        for table, choices, cutoff in (
            (vocabulary.labels, vocabulary.fuzzy_labels, _FUZZY_CUTOFF),
            (vocabulary.questions, vocabulary.fuzzy_questions, _FUZZY_QUESTION_CUTOFF),
        ):
            best = process.extractOne(normalised, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best:
                field = table[best[0]]
                candidates.append((_FUZZY_SCALE * best[1] / 100, -_rank(field), field, "fuzzy"))
    if not candidates:
        return ColumnMatch(index, header, None, 0.0, "unmatched")
    confidence, _, field, how = max(candidates)
    confidence = round(confidence, 3)
    if field == _UNRELATED:
        return ColumnMatch(index, header, None, 0.0, "unmatched", _UNRELATED_NOTE)
    if confidence < MIN_CONFIDENCE:
        note = f"closest: {field} ({confidence:.2f}), too unsure to use"
        return ColumnMatch(index, header, None, confidence, "unmatched", note)
    return ColumnMatch(index, header, field, confidence, how)


def _apply_overrides(
    proposals: list[ColumnMatch], overrides: Mapping[str, str | None]
) -> list[ColumnMatch]:
    """Mapping-file entries replace whatever the vocabulary proposed for their header."""
    by_key = {
        _loose_key(header): (field if field is None else _field_from_name(field))
        for header, field in overrides.items()
    }
    result = []
    for match in proposals:
        key = _loose_key(match.header)
        if key not in by_key:
            result.append(match)
        elif by_key[key] is None:
            result.append(replace(match, field=None, confidence=1.0, how="ignored by mapping file"))
        else:
            result.append(replace(match, field=by_key[key], confidence=1.0, how="mapping file"))
    return result


def _apply_source_rules(
    proposals: list[ColumnMatch], source: FormSource
) -> tuple[list[ColumnMatch], frozenset[int]]:
    """Forms metadata: "ID" only in MS Forms; finds the account e-mail/name columns.

    The account columns are the "Email"/"Name" labels in the block of metadata columns a Forms
    export starts with, after its start or completion time and before the first question.
    Returns the proposals and the indices of the account columns, which give way to any
    question that asks the same.
    """
    result = []
    in_metadata_block = True
    after_a_time_column = False
    accounts_seen: set[str] = set()
    account_indices: set[int] = set()
    for match in proposals:
        automatic = match.how not in ("mapping file", "ignored by mapping file")
        if match.field not in _METADATA_FIELDS | _ACCOUNT_FIELDS or match.field in accounts_seen:
            in_metadata_block = False
        if automatic and match.field == "form_id" and source is not FormSource.MICROSOFT_FORMS:
            match = replace(
                match,
                field=None,
                how="unmatched",
                note="an ID outside a Microsoft Forms export is kept as an ordinary column",
            )
        elif (
            automatic
            and source is not FormSource.HAND
            and in_metadata_block
            and after_a_time_column
            and match.field in _ACCOUNT_FIELDS
            and match.how in ("exact", "synonym")
        ):
            accounts_seen.add(match.field)
            account_indices.add(match.index)
            match = replace(
                match,
                confidence=min(match.confidence, _ACCOUNT_CONFIDENCE),
                note="respondent's account column of the Forms export; "
                "a question asking the same takes precedence",
            )
        if match.field in ("started_at", "submitted_at"):
            after_a_time_column = True
        if match.field == "modified_at":
            in_metadata_block = False
        result.append(match)
    return result, frozenset(account_indices)


def _place_as_location(proposals: list[ColumnMatch]) -> list[ColumnMatch]:
    """Without a postcode column, a place column ("Woonplaats") is the location itself."""
    if any(match.field == "location" for match in proposals):
        return proposals
    return [
        replace(match, field="location", note="place column used as location (no postcode column)")
        if match.field == "place_hint" and match.how != "mapping file"
        else match
        for match in proposals
    ]


def _resolve_collisions(
    proposals: list[ColumnMatch], account_indices: frozenset[int]
) -> list[ColumnMatch]:
    """Each field goes to one column: mapping file first, then any column that is not a Forms
    account column, then best confidence, then leftmost."""
    winners: dict[str, ColumnMatch] = {}
    ranked = sorted(
        (match for match in proposals if match.field is not None),
        key=lambda match: (
            match.how != "mapping file",
            match.index in account_indices,
            -match.confidence,
            match.index,
        ),
    )
    for match in ranked:
        winners.setdefault(match.field, match)
    result = []
    for match in proposals:
        winner = winners.get(match.field) if match.field is not None else None
        if winner is None or winner.index == match.index:
            result.append(match)
            continue
        if winner.how == "mapping file":
            reason = "the mapping file assigns it there"
        elif match.index in account_indices:
            reason = "the form asks for it, and this is the respondent's Forms account column"
        else:
            reason = f"that column matches it with confidence {winner.confidence:.2f}"
        note = (
            f"looks like {match.field} ({match.confidence:.2f}), but {match.field} is taken by "
            f'column {winner.index + 1} "{winner.header}": {reason}'
        )
        result.append(replace(match, field=None, note=note))
    return result


def match_columns(
    headers: Sequence[str], overrides: Mapping[str, str | None] | None = None
) -> list[ColumnMatch]:
    """One :class:`ColumnMatch` per header, in order; no canonical field is used twice.

    ``overrides`` (header -> field, or None to ignore a column; see :func:`load_mapping_file`)
    wins over the vocabulary. Raises ``ValueError`` for an override naming an unknown field.
    """
    vocabulary = _vocabulary()
    texts = ["" if header is None else str(header) for header in headers]
    proposals = [_propose(index, header, vocabulary) for index, header in enumerate(texts)]
    if overrides:
        proposals = _apply_overrides(proposals, overrides)
    proposals, account_indices = _apply_source_rules(proposals, detect_source(texts))
    proposals = _place_as_location(proposals)
    return _resolve_collisions(proposals, account_indices)
