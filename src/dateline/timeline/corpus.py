"""``Corpus``: the sentences a timeline method chooses from, with their dates.

A method sees only this: every candidate sentence with its text, source span, the
publication date of its article and the dates its time mentions resolve to. Building it
is a pure function of analysed articles, so methods can be tested without a store and
run the same way from the CLI, the HTTP API and the evaluation protocol.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateline.model import AnalyzedArticle, Granularity, SourcedSentence, Span
from dateline.text.run_in_headline import body_start
from dateline.timeline.textvectors import longer_names, matched_terms, query_terms

_ENTRY_SEPARATOR = re.compile(r"\s*[:\u2013\u2014-]")
# A list's bullet or dash, or punctuation left from the line before, that a sentence
# opens with ("* April 25 - The Coast Guard says ...", "-- After throngs of Egyptians
# ...", "; Oil clings to ..."): not shown.
_LEADING_MARKS = re.compile(r"(?:[-\u2013\u2014*\u2022\u00b7;,|]+\s+)+")
_CLOCK_AFTER = re.compile(r"[\s,|]*(?:at\s+)?\d{1,2}[:.]\d{2}\b")
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*,?\s+on\s+$", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_CLOCK_REACH = 30
_ENTRY_OFFSET = 2
TOPIC_REACH = 2
# Chosen on Timeline17 and Entities alike (docs/evaluation.md): a year keeps
# announced plans (an election, a trial date) and drops what lies years ahead.
MAX_DAYS_AHEAD = 366


@dataclass(frozen=True, slots=True)
class DateRef:
    """A sentence's reference to a calendar day, month or year (first day of the period).

    ``opens_entry`` marks a sentence written as a timeline entry: it starts with this date,
    followed by a colon or a dash ("29 May: BP announces ..."). News sites publish such
    "key dates" lists, so the date is one a journalist judged important.
    """

    date: dt.date
    granularity: Granularity
    opens_entry: bool = False


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    """One candidate sentence and everything a method may use to date and rank it."""

    text: str
    article_id: str
    start: int
    end: int
    position: int
    published: dt.date
    refs: tuple[DateRef, ...]
    words: int
    on_topic: bool = False

    def sourced(self, score: float = 0.0) -> SourcedSentence:
        return SourcedSentence(self.text, self.article_id, self.start, self.end, score)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The sentences of a set of articles, in article then sentence order."""

    sentences: tuple[CorpusSentence, ...]
    article_count: int


def build_corpus(
    articles: Iterable[AnalyzedArticle],
    undated_sentences: int | None = None,
    query: str = "",
    max_days_ahead: int | None = MAX_DAYS_AHEAD,
) -> Corpus:
    """Collect the sentences of ``articles`` with the dates each one refers to.

    ``undated_sentences`` (a method's own, see ``TimelineMethod``) keeps, of the sentences
    that refer to no date, only the first that many of each article; None keeps them all.
    Most sentences of a long article are undated, so a date-first method's corpus is a
    fraction of the size and quicker to build.

    A timestamp — of a reader comment or a page update — is not a reference to an event,
    and is left out with its clock time (which the tagger places on the publication
    day): a date followed by a clock time, when the date opens its sentence or names its
    year ("January 31, 2011 at 5:23 pm | ...", "Posted by: reader | September 24, 2008
    3:27 PM"), and a dated clock time ("At 6:20 pm on 18 Jan 2010, reader wrote: ...").
    A date without a year inside a sentence keeps its clock ("on Thursday at 10:30").

    A sentence is ``on_topic`` when its passage is about the query: it, or one of the
    ``TOPIC_REACH`` sentences before or after it, contains a word of ``query`` (none is,
    for a query with no words: nothing is singled out). An article retrieved for one
    paragraph about the query is otherwise about something else, and its other dates are
    not the story's.

    A date more than ``max_days_ahead`` days after its article's publication is not an
    event the article reports: it is a plan far ahead, a misread number, or page
    furniture (a "RETWEET ... February 11, 2013" sidebar on a 2011 page); None keeps
    every date.

    A headline (and a photo caption) run into an article's first sentence with no full
    stop between is not part of it (``dateline.text.run_in_headline``): the sentence
    starts at its body, and a date in the headline is not its reference.

    A sentence is shown without the list bullet, dash or stray punctuation it opens with
    ("* April 25 - ..." from "April 25"; its span starts after them).

    Near-duplicates count once: of a story and its copies (``Article.duplicate_of``, found
    at ingest), only the first met is kept, so a wire story republished by fifty outlets
    does not cite its dates fifty times.
    """
    terms = query_terms(query)
    extensions = longer_names(query)
    sentences: list[CorpusSentence] = []
    count = 0
    stories: set[str] = set()
    for analyzed in articles:
        article = analyzed.article
        story = article.duplicate_of or article.id
        if story in stories:
            continue
        stories.add(story)
        count += 1
        refs: dict[int, list[DateRef]] = {}
        mentions = analyzed.mentions if analyzed.sentences else ()  # nothing to place them in
        stamped = _timestamp_mentions(analyzed) if mentions else set()
        lead_start = _lead_body_start(article.text, analyzed.sentences)
        latest = article.published + dt.timedelta(days=max_days_ahead) if max_days_ahead is not None else dt.date.max
        for index, mention in enumerate(mentions):
            if mention.date is None or mention.granularity is None or index in stamped:
                continue
            if mention.date > latest or (mention.sentence_index == 0 and mention.start < lead_start):
                continue
            sentence_start = analyzed.sentences[mention.sentence_index].start
            opens_entry = (
                mention.start - sentence_start <= _ENTRY_OFFSET
                and _ENTRY_SEPARATOR.match(article.text, mention.end) is not None
            )
            refs.setdefault(mention.sentence_index, []).append(DateRef(mention.date, mention.granularity, opens_entry))
        topical = _topical_positions(article.text, analyzed.sentences, terms, extensions)
        for position, span in enumerate(analyzed.sentences):
            if undated_sentences is not None and position >= undated_sentences and position not in refs:
                continue
            start = lead_start if position == 0 else span.start
            marks = _LEADING_MARKS.match(article.text, start, span.end)
            if marks is not None and marks.end() < span.end:
                start = marks.end()
            text = article.text[start : span.end]
            sentences.append(
                CorpusSentence(
                    text=text,
                    article_id=article.id,
                    start=start,
                    end=span.end,
                    position=position,
                    published=article.published,
                    refs=tuple(dict.fromkeys(refs.get(position, ()))),
                    words=len(text.split()),
                    on_topic=position in topical,
                )
            )
    return Corpus(tuple(sentences), count)


def _lead_body_start(text: str, spans: Sequence[Span]) -> int:
    """Where the first sentence's body starts: after a headline (and caption) run into it
    with no full stop between (``run_in_headline``), else where the sentence starts."""
    if not spans:
        return 0
    first = spans[0]
    return first.start + body_start(text[first.start : first.end])


def _topical_positions(
    text: str, spans: Sequence[Span], terms: list[str], extensions: re.Pattern[str] | None
) -> set[int]:
    """The positions of the sentences within ``TOPIC_REACH`` of one that contains a query
    term (``matched_terms``, as ``SentencePicker`` matches them); none when there are no
    terms."""
    hits = [
        position for position, span in enumerate(spans) if matched_terms(text[span.start : span.end], terms, extensions)
    ]
    return {near for hit in hits for near in range(hit - TOPIC_REACH, hit + TOPIC_REACH + 1)}


def _timestamp_mentions(analyzed: AnalyzedArticle) -> set[int]:
    """The indices of the mentions that belong to a timestamp (see ``build_corpus``): its
    date and its clock time."""
    text, mentions = analyzed.article.text, analyzed.mentions
    stamped: set[int] = set()
    for index, mention in enumerate(mentions):
        if mention.date is None or index in stamped:
            continue
        sentence_start = analyzed.sentences[mention.sentence_index].start
        names_year = _YEAR.search(mention.text) is not None
        if names_year or mention.start - sentence_start <= _ENTRY_OFFSET:
            clock = _CLOCK_AFTER.match(text, mention.end)
            if clock is not None:
                following = index
                while following < len(mentions) and mentions[following].start < clock.end():
                    stamped.add(following)
                    following += 1
                continue
        if names_year:
            clock = _CLOCK_BEFORE.search(text, max(0, mention.start - _CLOCK_REACH), mention.start)
            if clock is not None:
                preceding = index
                while preceding >= 0 and mentions[preceding].start >= clock.start():
                    stamped.add(preceding)
                    preceding -= 1
    return stamped
