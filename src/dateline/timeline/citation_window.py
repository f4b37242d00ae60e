"""How much of a date's citing could the corpus have seen: the correction for recent dates.

A date earns citing days as the news keeps coming back to it, and that takes time: an
event a week before the newest article has had a week to be cited, one from the start of
the story has had months. Counted raw, the last stretch of any timeline is crowded out
by older dates (on Timeline17 and Entities alike the last fifth of a reference's span
holds about 22% of its dates, and a raw count picks 12-17% there).

The correction comes from the corpus itself. Every (article, date) citation has a lag:
its publication day minus the date. Pooled over the corpus, the lags say when citations
come. For a date, the share of those lags that fall inside the corpus's publication span
(``first - date`` to ``last - date``) is its *opportunity*: the share of its citing the
corpus could have seen. A date's citing days divided by it estimates what a full window
would have shown. No constant is fitted here; the floor that keeps a date cited once on
the last day from being multiplied without bound is the method's
(``Salience.min_opportunity``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable

from dateline.timeline.corpus import Corpus


def citation_opportunity(corpus: Corpus) -> Callable[[dt.date], float]:
    """For any date, the share in [0, 1] of the corpus's citation lags (day references
    only, one per citing article and date) that its publication span can show; 1.0 for
    every date when nothing is cited."""
    citations = {
        (sentence.article_id, ref.date, sentence.published)
        for sentence in corpus.sentences
        for ref in sentence.refs
        if ref.granularity == "day"
    }
    if not citations:
        return lambda date: 1.0
    lags = sorted((published - date).days for _, date, published in citations)
    first = min(sentence.published for sentence in corpus.sentences)
    last = max(sentence.published for sentence in corpus.sentences)

    def opportunity(date: dt.date) -> float:
        seen = bisect.bisect_right(lags, (last - date).days) - bisect.bisect_left(lags, (first - date).days)
        return seen / len(lags)

    return opportunity
