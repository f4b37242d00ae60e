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
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document, Extractor

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
# trafilatura's settings, built once: fast mode (no readability/jusText comparison),
# precision favoured, comments and tables left out. Metadata is read apart (_title_and_declared_url).
_EXTRACTOR = Extractor(output_format="python", fast=True, precision=True, comments=False, tables=False)


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
    document = trafilatura.bare_extraction(tree, options=_EXTRACTOR)
    # A Document, or None when there is nothing to extract (a dict only with as_dict=True).
    # A web archive names the page's address (``url``): its canonical link is looked for
    # only if htmldate, below, needs it.
    title, declared_url = _title_and_declared_url(tree, canonical=not url)
    text = main_text(document.text or "", title) if isinstance(document, Document) else ""
    if not text:
        return InputProblem(
            where, "no article text found on the page (an index, a login or an empty page?)", field="text"
        )
    if len(text) > max_chars:
        return too_long(where, max_chars, None, len(text))
    source = source or where
    if dated is None:
        if url and not declared_url:
            declared_url = _title_and_declared_url(tree)[1]
        dated = _htmldate(tree, declared_url or url)
    if dated is None and crawl_date is not None:
        dated, source = (crawl_date, "WARC-Date"), f"{source} (dated by WARC-Date: the capture, not the publication)"
    if dated is None:
        return InputProblem(
            where,
            "the page states no publication date (no metadata such as "
            "article:published_time or datePublished, no dateline)",
            field="date",
        )
    page_url = url or declared_url
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


def _title_and_declared_url(tree: HtmlElement, canonical: bool = True) -> tuple[str, str]:
    """The page's title and the address it declares for itself, as trafilatura's metadata
    reading finds them (meta tags and JSON-LD, then ``<h1>``/``<title>``; ``og:url``, then,
    with ``canonical``, the canonical link, normalised). Only these two of its readings are
    asked for: its author, site-name, category, licence and date searches cost more than
    the extraction of the text, and the date is asked of htmldate only when the page
    states none."""
    found = extract_meta_json(tree, examine_meta(tree))
    found.title = found.title or extract_title(tree)
    if canonical:
        found.url = found.url or extract_url(tree)
    found.clean_and_trim()
    return found.title or "", found.url or ""


def _htmldate(tree: HtmlElement, url: str) -> tuple[dt.date, str] | None:
    """htmldate's reading of the page (its URL, other markup), asked only when the page's
    metadata and dateline give no date: it searches the whole page."""
    found = find_date(tree, url=url or None, extensive_search=False, original_date=True)
    if not found:
        return None
    try:
        return parse_publication_date(found), "htmldate"
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
