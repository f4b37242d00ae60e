"""Web archives (``.warc``, ``.warc.gz``): every HTML page captured becomes an article.

The file is streamed a record at a time with warcio, so a crawl of any size takes the
memory of one page. Each ``response`` record with a successful HTTP status and an HTML
body is read as a web page (``dateline.ingest.html_page``): its URL is the record's
``WARC-Target-URI``; its date comes from the page's metadata, or failing that from the
record's ``WARC-Date`` (when it was captured), which the article's source then says.
Requests, metadata, redirects and non-HTML bodies (images, scripts) are not articles and
are passed by. A record that cannot be read (a truncated file, a broken gzip member)
ends the file with a problem naming the record; the articles before it are kept.

Reading a record is cheap; extracting its page's article is not (``page_article`` costs
several times what analysing the article does). So the file is read in two steps:
``captured_pages`` streams the records and keeps each HTML response as a
``CapturedPage`` (its bytes and headers), and ``CapturedPage.article`` extracts it. A
parallel ingest reads the file in its main process and sends the captured pages to the
worker processes, which extract them (``dateline.ingest.parallel``); ``read_warc`` does
both steps in turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path
from dateline.ingest.html_page import page_article, page_bytes_limit
from dateline.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 1 << 16
ERROR_CHARS = 120


@dataclass(frozen=True)
class CapturedPage:
    """An HTML response of a web archive, read but not yet extracted: all that making its
    article needs, so that it can be sent to another process."""

    body: bytes
    where: str
    number: int
    url: str
    content_type: str
    crawl_date: dt.date | None
    collection: str = ""
    max_chars: int = DEFAULT_MAX_CHARS
    date_order: DateOrder | None = None

    def article(self) -> Article | InputProblem:
        """The page's article, or the problem with it, naming the record."""
        item = page_article(
            self.body,
            self.where,
            self.collection,
            self.max_chars,
            self.date_order,
            content_type=self.content_type,
            url=self.url,
            crawl_date=self.crawl_date,
            source=f"{self.where}#record {self.number}",
        )
        if isinstance(item, InputProblem):
            return InputProblem(self.where, f"record {self.number} ({self.url}): {item.message}", field=item.field)
        return item


def read_warc(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per HTML page captured in a WARC file."""
    for item in captured_pages(path, collection, max_chars, date_order):
        yield item.article() if isinstance(item, CapturedPage) else item


def captured_pages(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[CapturedPage | InputProblem]:
    """Yield every HTML page captured in a WARC file, unextracted, or the problem that
    ends the file."""
    where = display_path(path)
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                page = (
                    _captured(record, where, number, collection, max_chars, date_order)
                    if _is_html_page(record)
                    else None
                )
                damage = _damage(record)
                if damage is not None:
                    yield InputProblem(
                        where,
                        f"record {number}: {damage} (a truncated download?); the records before it were read",
                        field="record",
                    )
                    return
                if page is not None:
                    yield page
    except OSError as error:
        yield InputProblem(where, f"cannot read file: {error.strerror or error}")
        return
    except Exception as error:  # warcio raises many kinds on a damaged file; all end it
        reason = "".join(c if c.isprintable() else "?" for c in str(error)[:ERROR_CHARS])
        yield InputProblem(
            where,
            f"record {number + 1}: cannot be read ({type(error).__name__}: {reason}); the records before it were read",
            field="record",
        )
        return
    if number == 0:
        yield InputProblem(where, "no WARC records in this file")


def _damage(record: ArcWarcRecord) -> str | None:
    """Read the rest of the record's block (a chunk at a time), and say what the file
    lacked of it: its headers, or some of its bytes (None when it is whole)."""
    if record.rec_headers.get_header("Content-Length") is None:
        return "the file ends inside the record's headers"
    raw = record.raw_stream
    while raw.read(READ_CHUNK):
        pass
    missing = int(getattr(raw, "limit", 0) or 0)
    return f"the file ends {missing:,} bytes before the record does" if missing else None


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(HTML_TYPES)


def _captured(
    record: ArcWarcRecord, where: str, number: int, collection: str, max_chars: int, date_order: DateOrder | None
) -> CapturedPage:
    try:
        crawl_date = parse_publication_date(record.rec_headers.get_header("WARC-Date") or "")
    except ValueError:
        crawl_date = None
    return CapturedPage(
        body=record.content_stream().read(page_bytes_limit(max_chars) + 1),
        where=where,
        number=number,
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        content_type=record.http_headers.get_header("Content-Type") or "",
        crawl_date=crawl_date,
        collection=collection,
        max_chars=max_chars,
        date_order=date_order,
    )
