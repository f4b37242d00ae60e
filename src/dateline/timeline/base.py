"""The interface every timeline method implements, and the registry of methods.

Like a scikit-learn estimator, a method is an object whose constructor takes its
hyper-parameters and does no work; ``build`` does the work and is a pure function of its
arguments. Methods are looked up by name (``--method``), so the CLI, the HTTP API and the
evaluation protocol all offer the same set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from dateline.model import Granularity, Timeline
from dateline.registry import Registry
from dateline.timeline.corpus import Corpus


@dataclass(frozen=True)
class TimelineRequest:
    """What a timeline is asked for: a query, its size, the dates it may use.

    ``coarse_span``: when set, a month or year entry must overlap it (the story's own
    span; see ``dateline.timeline.granularity``)."""

    query: str
    n_dates: int
    n_sentences: int
    granularities: frozenset[Granularity] = frozenset({"day", "month", "year"})
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    coarse_span: tuple[dt.date, dt.date] | None = None

    def allows(self, date: dt.date, granularity: Granularity) -> bool:
        """Whether an entry at ``date`` with ``granularity`` may appear in the timeline."""
        return (
            granularity in self.granularities
            and (self.date_from is None or date >= period_floor(self.date_from, granularity))
            and (self.date_to is None or date <= self.date_to)
            and (
                granularity == "day"
                or self.coarse_span is None
                or period_floor(self.coarse_span[0], granularity) <= date <= self.coarse_span[1]
            )
        )


def period_floor(date: dt.date, granularity: Granularity) -> dt.date:
    """The first day of the period of ``granularity`` that holds ``date``."""
    if granularity == "year":
        return date.replace(month=1, day=1)
    if granularity == "month":
        return date.replace(day=1)
    return date


class TimelineMethod(Protocol):
    """A timeline summarization method.

    ``undated_sentences``: how many leading sentences of each article the method needs
    even when they refer to no date (None: every sentence, e.g. to compare whole
    articles); callers pass it to ``build_corpus`` so no method pays for text it ignores.
    """

    name: str

    @property
    def undated_sentences(self) -> int | None: ...

    def build(self, corpus: Corpus, request: TimelineRequest) -> Timeline:
        """Return at most ``request.n_dates`` entries of at most ``request.n_sentences``
        sentences each, in date order."""
        ...


METHODS: Registry[Callable[[], TimelineMethod]] = Registry(
    "method",
    "dateline.methods",
    {
        "clust": "dateline.timeline.methods.clust:Clust",
        "datewise": "dateline.timeline.methods.datewise:Datewise",
        "salience": "dateline.timeline.methods.salience:Salience",
    },
)
"""Each method's factory (its class: a call gives the default configuration). The
built-ins are imported on first use: their NumPy/SciPy imports take about a second,
which a command that only lists the methods should not pay."""


def method_names() -> list[str]:
    return METHODS.names()


def get_method(name: str) -> TimelineMethod:
    """A fresh instance of the method called ``name``, or a ``UsageError`` listing them."""
    return METHODS.get(name)()
