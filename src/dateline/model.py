"""Core objects that flow through the pipeline.

Every stage takes and returns these immutable dataclasses, so any output (a timeline
sentence, a time mention) can be traced back to the article and character span it came
from. Offsets are always Python string indices into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Granularity = Literal["day", "month", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, before any analysis.

    ``id`` is derived from the content (see ``dateline.ingest.ids``) so that reading the
    same article twice yields the same id and re-ingesting adds nothing.
    ``lines_are_sentences`` is set by readers of pre-segmented formats (Timeline17 has one
    tokenized sentence per line), whose segmentation is better than any splitter's.
    """

    id: str
    published: dt.date
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    collection: str = ""
    lines_are_sentences: bool = False
    duplicate_of: str | None = None  # the id of the stored article this one nearly copies


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span ``[start, end)`` in an article's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A resolved time expression inside an article.

    ``value`` is the TIMEX3 value (``2023-07-27``, ``2020-09``, ``2020``, ``2020-W42``,
    ``P3D``...). ``date``/``granularity`` are set only when the value names a calendar day,
    month or year, the only kinds a timeline entry can carry.
    """

    sentence_index: int
    start: int
    end: int
    text: str
    type: str
    value: str
    date: dt.date | None = None
    granularity: Granularity | None = None


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article with its sentence spans and resolved time mentions."""

    article: Article
    sentences: tuple[Span, ...]
    mentions: tuple[TimeMention, ...] = ()


@dataclass(frozen=True, slots=True)
class SourcedSentence:
    """A sentence shown in a timeline, with the exact place it was taken from."""

    text: str
    article_id: str
    start: int
    end: int
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of a timeline and the sentences that summarize what happened on it."""

    date: dt.date
    granularity: Granularity
    sentences: tuple[SourcedSentence, ...]
    score: float = 0.0
    explanation: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A query's timeline: entries in date order."""

    query: str
    method: str
    entries: tuple[TimelineEntry, ...]
