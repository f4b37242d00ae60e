"""A web page's publication date, from its metadata or its visible dateline.

Pages state when they were published in several places; they are asked in the order of
how deliberately each is written:

1. JSON-LD ``datePublished`` (what search engines read);
2. ``<meta>`` tags: ``article:published_time``, ``itemprop=datePublished``, Dublin Core,
   ``pubdate`` and the other names publishing systems use;
3. ``<time datetime>`` marked as the publication (``pubdate``, ``itemprop``), else the
   first ``<time datetime>`` of the page;
4. the visible dateline: an element whose class or id says date, time, dateline or
   byline, read as written-out or ISO text ("Published March 15, 2024").

Each value is parsed by ``dateline.ingest.dates`` (the local date as written; an ambiguous
numeric date is refused, naming the field, unless ``--date-order`` settles it). A value
that is there but unreadable is reported only when no later place gives a date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from lxml.html import HtmlElement

from dateline.ingest.dates import AmbiguousDate, DateOrder, find_date_in_text, parse_publication_date

META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "date",
)
_META_RANK = {name: rank for rank, name in enumerate(META_NAMES)}
_DATELINE_XPATH = (
    "//*[self::p or self::div or self::span or self::time or self::small]"
    "[contains(translate(@class, 'DATELINEBYTIMPUS', 'datelinebytimpus'), 'date')"
    " or contains(translate(@class, 'DATELINEBYTIMPUS', 'datelinebytimpus'), 'time')"
    " or contains(translate(@class, 'DATELINEBYTIMPUS', 'datelinebytimpus'), 'byline')"
    " or contains(translate(@class, 'DATELINEBYTIMPUS', 'datelinebytimpus'), 'publish')"
    " or contains(translate(@id, 'DATELINEBYTIMPUS', 'datelinebytimpus'), 'date')]"
)
_DATELINE_ELEMENTS = 20
_DATELINE_CHARS = 200


class PageDateError(ValueError):
    """A date field was found but cannot be read; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def page_date(
    tree: HtmlElement, date_order: DateOrder | None = None, today: dt.date | None = None
) -> tuple[dt.date, str] | None:
    """The page's publication date and the field it came from, or None when it gives
    none. Raises ``PageDateError`` for an ambiguous date, or for an unreadable one when
    nothing else dates the page."""
    first_error: PageDateError | None = None
    for field, value in _metadata_dates(tree):
        try:
            return parse_publication_date(value, today, date_order), field
        except AmbiguousDate as error:
            raise PageDateError(field, str(error)) from None
        except ValueError as error:
            first_error = first_error or PageDateError(field, str(error))
    for element in tree.xpath(_DATELINE_XPATH)[:_DATELINE_ELEMENTS]:
        found = find_date_in_text(element.text_content()[:_DATELINE_CHARS], today)
        if found is not None:
            return found, "visible dateline"
    if first_error is not None:
        raise first_error
    return None


def _metadata_dates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    """(field, value) for every date the page's metadata states, most deliberate first."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for value in _json_ld_dates(script.text_content()):
            yield "JSON-LD datePublished", value
    metas = []
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_RANK:
            metas.append((_META_RANK[name], name, meta.get("content")))
    for _, name, value in sorted(metas):
        yield f"meta {name}", value
    times = tree.xpath("//time[@datetime]")
    marked = [t for t in times if t.get("pubdate") is not None or t.get("itemprop") == "datePublished"]
    for time in (marked or times)[:1]:
        yield "time datetime", time.get("datetime")


def _json_ld_dates(text: str) -> Iterator[str]:
    try:
        document = json.loads(text)
    except ValueError:
        return
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(reversed(node))
        elif isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and value.strip():
                yield value
            pending.extend(
                reversed([item for key, item in node.items() if key == "@graph" or isinstance(item, (list, dict))])
            )
