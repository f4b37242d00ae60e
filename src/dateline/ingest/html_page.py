"""Web pages: the article's main text, title, canonical URL and publication date.

trafilatura finds the main text, leaving out navigation, cookie banners, related links,
comment sections and footers; what it keeps is then passed through the page-furniture
rules (``dateline.ingest.furniture``) for short lines such as bylines and share prompts.
The title and canonical URL come from the page's metadata (trafilatura reads
``og:title``, ``<link rel=canonical>`` and the like). The date comes from the page's
metadata or visible dateline (``dateline.ingest.page_dates``), else htmldate's reading of
the page (through trafilatura: the URL, other markup); a web archive may supply the
crawl date as a last resort, labelled as such in the article's source.

``page_article`` serves both ``.html`` files and the pages in web archives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import (
    DEFAULT_MAX_CHARS,
    MAX_UTF8_BYTES_PER_CHAR,
    display_path,
    read_bytes,
    text_problem,
    too_long,
)
from dateline.ingest.furniture import is_furniture
from dateline.ingest.html_charset import decode_html
from dateline.ingest.ids import article_id
from dateline.ingest.page_dates import PageDateError, page_date
from dateline.model import Article

# Lines of the main text short enough to be furniture rather than a paragraph.
FURNITURE_MAX_CHARS = 160
_BYLINE = re.compile(r"^(?:By|Written by|Words by)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*(?:[,|].*)?$")
# Markup around a page's text is seldom more than this many times the text itself.
MARKUP_FACTOR = 20


def page_article(
    data: bytes,
    where: str,
    collection: str = "",
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
    *,
    content_type: str = "",
    url: str = "",
    crawl_date: dt.date | None = None,
    source: str = "",
) -> Article | InputProblem:
    """The article on the page ``data`` read from ``where`` (a file, or a record of a web
    archive: ``source`` then names the record, ``url`` its address, ``crawl_date`` its
    capture date), or the problem that prevents reading it."""
    if len(data) > page_bytes_limit(max_chars):
        return too_long(where, max_chars, None, None)
    try:
        html = decode_html(data, where, content_type)
    except InputProblem as problem:
        return problem
    tree = trafilatura.load_html(html)
    if tree is None:
        return InputProblem(where, "not an HTML page that can be parsed")
    try:
        dated = page_date(tree, date_order)
    except PageDateError as error:
        return InputProblem(where, str(error), field=error.field)
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        fast=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # A Document, or None when there is nothing to extract (a dict only with as_dict=True).
    if not isinstance(document, Document):
        document = None
    text = main_text(document.text or "", document.title or "") if document is not None else ""
    if document is None or not text:
        return InputProblem(
            where, "no article text found on the page (an index, a login or an empty page?)", field="text"
        )
    if len(text) > max_chars:
        return too_long(where, max_chars, None, len(text))
    source = source or where
    if dated is None and document.date:
        dated = _htmldate(document.date)
    if dated is None and crawl_date is not None:
        dated, source = (crawl_date, "WARC-Date"), f"{source} (dated by WARC-Date: the capture, not the publication)"
    if dated is None:
        return InputProblem(
            where,
            "the page states no publication date (no metadata such as "
            "article:published_time or datePublished, no dateline)",
            field="date",
        )
    title, page_url = (document.title or "").strip(), url or (document.url or "").strip()
    for name, value in (("text", text), ("title", title), ("url", page_url)):
        wrong = text_problem(value)
        if wrong is not None:
            return InputProblem(where, wrong, field=name)
    published = dated[0]
    return Article(
        id=article_id(published, text, collection),
        published=published,
        text=text,
        title=title,
        url=page_url,
        source=source,
        collection=collection,
    )


def main_text(extracted: str, title: str) -> str:
    """trafilatura's text without the headline it repeats and short furniture lines."""
    lines = [line.strip() for line in extracted.split("\n") if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n".join(line for line in lines if not _is_furniture_line(line))


def _is_furniture_line(line: str) -> bool:
    return len(line) <= FURNITURE_MAX_CHARS and (_BYLINE.match(line) is not None or is_furniture(line) is not None)


def _htmldate(value: str) -> tuple[dt.date, str] | None:
    try:
        return parse_publication_date(value), "htmldate"
    except ValueError:
        return None


def read_html(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield the article of one saved web page (``.html``, ``.htm``, or HTML by content)."""
    try:
        data = read_bytes(path, page_bytes_limit(max_chars))
    except InputProblem as problem:
        yield problem
        return
    yield page_article(data, display_path(path), collection, max_chars, date_order)


def page_bytes_limit(max_chars: int) -> int:
    """The largest page (markup and all) that may hold a text of ``max_chars``."""
    return MAX_UTF8_BYTES_PER_CHAR * max_chars * MARKUP_FACTOR
