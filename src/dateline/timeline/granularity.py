"""Which granularities a timeline's entries may have: the user's choice, or the story's.

A timeline of ``L`` entries over a story that runs ``S`` days lives at the scale of
``S / L`` days an entry. ``auto`` (the default) allows an entry of a month only when that
scale is at least a year, and an entry of a year only when it is at least a decade: a
war of seven years told in ten entries is still told by its days (the invasion, the fall
of the capital, the capture), and only a chronicle of centuries is told by year.
Coarse entries must also lie inside the story: a month or year before its first article
or after its last is background history ("the 1982 massacre in Hama", "since 2000"),
which must not push out the events the articles report. Days are always allowed; they
are what a timeline is made of.

A chosen month or year granularity counts finer references at that scale: a day of
March 2011 is evidence for the entry "March 2011" (``coarsen``), so a monthly timeline
tells the same story as the daily one, not only what was written of whole months.

The story's span is the span of its articles' publication dates, so ``auto`` is decided
from the corpus, after retrieval, and is the same for every method.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal, get_args

from dateline.errors import UsageError
from dateline.model import Granularity
from dateline.timeline.base import period_floor
from dateline.timeline.corpus import Corpus, DateRef

GranularityChoice = Literal["auto", "day", "month", "year"]
GRANULARITY_CHOICES: tuple[GranularityChoice, ...] = get_args(GranularityChoice)
# The days an entry must stand for before entries of a month or a year are allowed.
# Both datasets' reference timelines are made of days, even over two decades, so the
# scales are set where coarse entries stop displacing the days a reader expects
# (docs/evaluation.md).
DAYS_PER_ENTRY: dict[Granularity, int] = {"day": 0, "month": 365, "year": 3650}


def check_granularity(choice: str) -> GranularityChoice:
    """``choice`` if it is one of ``GRANULARITY_CHOICES``, else a ``UsageError`` naming them."""
    for known in GRANULARITY_CHOICES:
        if choice == known:
            return known
    raise UsageError(f"granularity must be one of {', '.join(GRANULARITY_CHOICES)}, got {choice!r}")


def story_span(corpus: Corpus) -> tuple[dt.date, dt.date] | None:
    """The first and last publication date of the corpus's articles (None when empty)."""
    if not corpus.sentences:
        return None
    days = [sentence.published for sentence in corpus.sentences]
    return min(days), max(days)


def allowed_granularities(
    choice: GranularityChoice, span: tuple[dt.date, dt.date] | None, n_dates: int
) -> frozenset[Granularity]:
    """The granularities entries may have: exactly the one chosen, or, for ``auto``, days
    and every coarser granularity whose scale the story reaches (see the module docstring)."""
    if choice != "auto":
        return frozenset({choice})
    if span is None:
        return frozenset({"day"})
    days_per_entry = ((span[1] - span[0]).days + 1) / max(n_dates, 1)
    return frozenset(granularity for granularity, scale in DAYS_PER_ENTRY.items() if days_per_entry >= scale)


_FINER: dict[Granularity, frozenset[Granularity]] = {
    "day": frozenset(),
    "month": frozenset({"day"}),
    "year": frozenset({"day", "month"}),
}


def coarsen(corpus: Corpus, granularity: Granularity) -> Corpus:
    """``corpus`` with every reference finer than ``granularity`` moved to its period (a
    day of March 2011 refers to March 2011): the evidence for a timeline of that scale."""
    finer = _FINER[granularity]
    if not finer:
        return corpus
    sentences = tuple(
        dataclasses.replace(
            sentence,
            refs=tuple(
                dict.fromkeys(
                    DateRef(period_floor(ref.date, granularity), granularity, ref.opens_entry)
                    if ref.granularity in finer
                    else ref
                    for ref in sentence.refs
                )
            ),
        )
        for sentence in corpus.sentences
    )
    return dataclasses.replace(corpus, sentences=sentences)
