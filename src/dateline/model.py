"""Core objects that flow through the pipeline.

Every stage takes and returns these immutable dataclasses, so any output (a timeline
sentence, a time mention) can be traced back to the article and character span it came
from. Offsets are always Python string indices into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # only the batch's field types; the model itself needs no NumPy
    import numpy as np

Granularity = Literal["day", "month", "year"]
"""How precisely a calendar value is known."""
GRANULARITIES: tuple[Granularity, ...] = ("day", "month", "year")
Change = Literal["new", "changed"]
"""How a timeline entry differs from the same timeline at an earlier time
(``dateline.timeline.changes``): a date it did not have, or other sentences."""


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
class ArticleSummary:
    """What a listing shows of an article, without its text."""

    id: str
    published: dt.date
    title: str
    url: str
    chars: int
    collection: str


@dataclass(frozen=True, slots=True)
class CollectionSummary:
    """A collection (``""``: the articles ingested without one), its article count and
    the first and last publication dates among them."""

    name: str
    articles: int
    first: dt.date
    last: dt.date


Sources = Mapping[str, "Article | ArticleSummary"]
"""The articles a timeline cites, by id: what a rendering names beside each sentence."""


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


@dataclass(frozen=True, eq=False)
class BatchAnalysis:
    """Sentences, time mentions and duplicate-detection keys of a batch of articles, in
    columns: what the store bulk-loads, and what a worker process or a Dask task sends
    back (built by ``dateline.nlp.batch``).

    One ``AnalyzedArticle`` holds a ``Span`` per sentence and a ``TimeMention`` per time
    expression; pickling those objects to send them from a worker process cost a third as
    much as analysing the articles. Here the same information is a handful of NumPy
    arrays and string lists, in article order, which pickle, convert to Arrow and turn
    into SQL rows at C speed. The articles themselves are not part of it: the process
    that read them keeps them.

    ``sentence_counts[i]`` sentences of article ``i`` come next in ``sentence_spans``
    (rows ``start, end``); likewise ``mention_counts`` and ``mention_spans`` (rows
    ``sentence, start, end``) with the mentions' ``types``, ``values``, ISO ``dates``
    and ``granularities`` alongside. ``band_keys`` has ``BANDS`` LSH keys per article
    (``dateline.text.dedup``).
    """

    sentence_counts: np.ndarray
    sentence_spans: np.ndarray
    mention_counts: np.ndarray
    mention_spans: np.ndarray
    types: list[str]
    values: list[str]
    dates: list[str | None]
    granularities: list[str | None]
    band_keys: np.ndarray

    def __len__(self) -> int:
        return len(self.sentence_counts)


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
    change: Change | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """A query's timeline: entries in date order. ``since`` is set when its entries are
    marked with what changed since that time (``TimelineEntry.change``)."""

    query: str
    method: str
    entries: tuple[TimelineEntry, ...]
    since: dt.datetime | None = None
