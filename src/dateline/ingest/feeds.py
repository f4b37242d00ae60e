"""RSS and Atom feeds: one article per item, read with feedparser.

An item's title and link are kept; its text is its full content (``content:encoded``,
Atom ``content``) or else its description/summary, with the HTML stripped. Its date is
the one the feed wrote (``pubDate``, ``published``, ``updated``, ``dc:date``), parsed by
``dateline.ingest.dates`` from the raw string: feedparser's own parsed date is in UTC,
which would move a late-evening story to the next day. A problem names the file and the
item (its number from 1 and its title), so a feed with one bad item loses only that item.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import feedparser
import lxml.html
from lxml.etree import ParserError

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path, read_bytes, text_problem, too_long
from dateline.ingest.html_page import page_bytes_limit
from dateline.ingest.ids import article_id
from dateline.model import Article

# feedparser's names for the date elements, with the names a feed's author wrote.
DATE_FIELDS = (("published", "pubDate/published"), ("updated", "updated"), ("created", "created"))
_BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "pre",
        "figcaption",
    )
)
_TITLE_CHARS = 60


def read_feed(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per item of an RSS or Atom feed."""
    where = display_path(path)
    try:
        data = read_bytes(path, page_bytes_limit(max_chars))
    except InputProblem as problem:
        yield problem
        return
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        what = "a feed with no items" if feed.version else "not an RSS or Atom feed"
        yield InputProblem(where, f"{what}{reason}")
        return
    for number, entry in enumerate(feed.entries, start=1):
        yield feed_item(entry, where, number, collection, max_chars, date_order)
    if feed.get("bozo") and not isinstance(feed.bozo_exception, feedparser.CharacterEncodingOverride):
        yield InputProblem(
            where,
            f"the feed is malformed after item {len(feed.entries)}: "
            f"{feed.bozo_exception}; the items before it were read",
        )


def feed_item(
    entry: Mapping[str, object],
    where: str,
    number: int,
    collection: str = "",
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
) -> Article | InputProblem:
    """The article of one feed item, or the problem naming the item."""
    title = _string(entry.get("title"))
    item = f"item {number}" + (f" ({title[:_TITLE_CHARS]!r})" if title else "")

    def problem(message: str, field: str | None = None) -> InputProblem:
        return InputProblem(where, f"{item}: {message}", field=field)

    raw_date, date_field = next(
        ((_string(entry.get(name)), label) for name, label in DATE_FIELDS if _string(entry.get(name))),
        ("", DATE_FIELDS[0][1]),
    )
    if not raw_date:
        return problem("missing; the item has no date", date_field)
    try:
        published = parse_publication_date(raw_date, date_order=date_order)
    except ValueError as error:
        return problem(str(error), date_field)
    text = html_to_text(_item_html(entry))
    if not text:
        return problem("missing or empty (no content or description)", "description")
    if len(text) > max_chars:
        return InputProblem(where, f"{item}: {too_long(where, max_chars, None, len(text)).message}", field="text")
    url = _string(entry.get("link"))
    for name, value in (("text", text), ("title", title), ("link", url)):
        bad = text_problem(value)
        if bad is not None:
            return problem(bad, name)
    return Article(
        id=article_id(published, text, collection),
        published=published,
        text=text,
        title=title,
        url=url,
        source=f"{where}#item {number}",
        collection=collection,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, a line per block element, scripts and styles left
    out; plain text passes through unchanged."""
    if "<" not in fragment:
        return "\n".join(line.strip() for line in fragment.split("\n") if line.strip())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _item_html(entry: Mapping[str, object]) -> str:
    contents = entry.get("content")
    if isinstance(contents, list):
        values = [_string(content.get("value")) for content in contents if isinstance(content, Mapping)]
        full = max(values, key=len, default="")
        if full.strip():
            return full
    return _string(entry.get("summary"))


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
