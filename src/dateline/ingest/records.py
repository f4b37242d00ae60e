"""Readers for article records in JSONL, JSON and CSV files.

A record needs a date (field ``date``, ``published`` or ``time``, first one present) and
a ``text``; ``title``, ``url`` and ``id`` are optional. The record's own ``id`` is kept as
its source reference, while the article id stays a content hash so that the same article
exported twice is stored once. Problems name the file, the line and the field.

JSON Lines files are read a line at a time, so memory stays bounded however many records
a file holds, and a bad line (undecodable bytes, broken JSON, a line too long to be one
record) costs that record only. A file in which nothing is found is reported, so that no
input is passed over in silence.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import (
    DEFAULT_MAX_CHARS,
    MAX_UTF8_BYTES_PER_CHAR,
    bom_encoding,
    decode_line,
    display_path,
    read_text,
    text_problem,
    too_long,
    unix_newlines,
)
from dateline.ingest.ids import article_id
from dateline.model import Article

DATE_FIELDS = ("date", "published", "time")
CSV_FIELD_LIMIT = 1 << 30
# Room for a record's other fields and JSON escapes beside a text of the maximum size.
LINE_SLACK_BYTES = 1 << 20

Options = ParamSpec("Options")
Found = TypeVar("Found")


def record_to_article(
    record: object,
    where: str,
    line: int | None,
    collection: str = "",
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
) -> Article | InputProblem:
    """Validate one record and turn it into an ``Article``, or say what is wrong with it."""
    if not isinstance(record, Mapping):
        return InputProblem(where, f"expected an object, got {type(record).__name__}", line=line)
    date_field = next((name for name in DATE_FIELDS if record.get(name) not in (None, "")), None)
    if date_field is None:
        return InputProblem(where, "missing; give 'date' (e.g. YYYY-MM-DD)", line=line, field="/".join(DATE_FIELDS))
    try:
        published = parse_publication_date(str(record[date_field]), date_order=date_order)
    except ValueError as error:
        return InputProblem(where, str(error), line=line, field=date_field)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, "missing or empty", line=line, field="text")
    if len(text) > max_chars:
        return too_long(where, max_chars, line, len(text))
    text = unix_newlines(text).strip()
    optional = {name: record.get(name) for name in ("title", "url", "id")}
    for name, value in optional.items():
        if value is not None and not isinstance(value, (str, int)):
            return InputProblem(where, "must be a string", line=line, field=name)
    for name, value in (("text", text), *optional.items()):
        problem = text_problem(value) if isinstance(value, str) else None
        if problem is not None:
            return InputProblem(where, problem, line=line, field=name)
    own_id = str(optional["id"]) if optional["id"] not in (None, "") else ""
    location = where if line is None else f"{where}:{line}"
    return Article(
        id=article_id(published, text, collection),
        published=published,
        text=text,
        title=str(optional["title"] or "").strip(),
        url=str(optional["url"] or "").strip(),
        source=f"{location}#{own_id}" if own_id else location,
        collection=collection,
    )


def parse_json(text: str) -> object:
    """``json.loads``, raising only ``ValueError`` (a ``JSONDecodeError`` where JSON
    says where): nesting deeper than Python's recursion limit and integers too long to
    convert are malformed input too, not crashes."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _report_empty(
    reader: Callable[Concatenate[Path, Options], Iterator[Found | InputProblem]],
) -> Callable[Concatenate[Path, Options], Iterator[Found | InputProblem]]:
    """Make ``reader`` yield a problem for a file in which it finds nothing at all."""

    @wraps(reader)
    def reading(path: Path, *args: Options.args, **kwargs: Options.kwargs) -> Iterator[Found | InputProblem]:
        found = False
        for item in reader(path, *args, **kwargs):
            found = True
            yield item
        if not found:
            yield InputProblem(display_path(path), "no articles in this file (it is empty)")

    return reading


@_report_empty
def read_jsonl(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per non-blank line of a JSON Lines file (a file in
    UTF-16 or UTF-32, as its BOM says, is decoded whole first)."""
    for item in _jsonl_records(path, collection, max_chars, date_order):
        yield item.article() if isinstance(item, JsonRecord) else item


@_report_empty
def jsonl_records(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[JsonRecord | InputProblem]:
    """``read_jsonl`` with each record's line read and decoded but not yet parsed, for
    another process to parse (``dateline.ingest.parallel``: making an article of a
    record costs far more than reading its line)."""
    return _jsonl_records(path, collection, max_chars, date_order)


@dataclass(frozen=True)
class JsonRecord:
    """A non-blank line of a JSON Lines file, decoded: all that making its article needs."""

    line: str
    where: str
    number: int
    collection: str = ""
    max_chars: int = DEFAULT_MAX_CHARS
    date_order: DateOrder | None = None

    def article(self) -> Article | InputProblem:
        """The record's article, or the problem with it, naming the file and line."""
        try:
            record = parse_json(self.line)
        except json.JSONDecodeError as error:
            return InputProblem(self.where, f"malformed JSON: {error.msg} (column {error.colno})", line=self.number)
        except ValueError as error:
            return InputProblem(self.where, f"malformed JSON: {error}", line=self.number)
        return record_to_article(record, self.where, self.number, self.collection, self.max_chars, self.date_order)


def _jsonl_records(
    path: Path, collection: str, max_chars: int, date_order: DateOrder | None
) -> Iterator[JsonRecord | InputProblem]:
    where = display_path(path)
    try:
        with path.open("rb") as lines:
            if bom_encoding(lines.peek(4)[:4])[0] != "utf-8":
                yield from _text_records(read_text(path), where, collection, max_chars, date_order)
                return
            for item in _decoded_lines(lines, where, MAX_UTF8_BYTES_PER_CHAR * max_chars + LINE_SLACK_BYTES):
                if isinstance(item, InputProblem):
                    yield item
                elif item[1].strip():
                    yield JsonRecord(item[1], where, item[0], collection, max_chars, date_order)
    except OSError as error:
        yield InputProblem(where, f"cannot read file: {error.strerror or error}")
    except InputProblem as problem:
        yield problem


def _text_records(
    text: str, where: str, collection: str, max_chars: int, date_order: DateOrder | None
) -> Iterator[JsonRecord]:
    """The records of JSON Lines already decoded whole."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield JsonRecord(line, where, number, collection, max_chars, date_order)


def _decoded_lines(lines: io.BufferedReader, where: str, limit: int) -> Iterator[tuple[int, str] | InputProblem]:
    """Each line of a UTF-8 file with its number, or the problem with it: a line longer
    than ``limit`` bytes (not one record, skipped to its end) or one not UTF-8."""
    number = 0
    while raw := lines.readline(limit + 1):
        number += 1
        if len(raw) > limit:
            yield InputProblem(where, f"line longer than {limit:,} bytes; not one record", line=number)
            while not raw.endswith(b"\n") and (raw := lines.readline(limit)):
                pass
            continue
        try:
            yield number, decode_line(raw, where, number)
        except InputProblem as problem:
            yield problem


@_report_empty
def read_json(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield the articles of a ``.json`` file: an array of records, an object with an
    ``articles`` array, a single record, or (as exported by many tools) JSON Lines.
    Problems with a record of an array name its position (``record 3``, from 0)."""
    where = display_path(path)
    try:
        text = read_text(path)
    except InputProblem as problem:
        yield problem
        return
    if not text.strip():
        return
    try:
        document = parse_json(text)
    except json.JSONDecodeError as error:
        if "\n" in text.strip() and error.msg == "Extra data":
            yield from (record.article() for record in _text_records(text, where, collection, max_chars, date_order))
        else:
            yield InputProblem(where, f"malformed JSON: {error.msg} (column {error.colno})", line=error.lineno)
        return
    except ValueError as error:
        yield InputProblem(where, f"malformed JSON: {error}")
        return
    if isinstance(document, Mapping) and isinstance(document.get("articles"), list):
        document = document["articles"]
    if not isinstance(document, list):
        yield record_to_article(document, where, None, collection, max_chars, date_order)
        return
    for index, record in enumerate(document):
        yield _numbered(record_to_article(record, where, None, collection, max_chars, date_order), index)


def _numbered(item: Article | InputProblem, index: int) -> Article | InputProblem:
    if isinstance(item, Article):
        return item
    return InputProblem(item.path, f"record {index}: {item.message}", item.line, item.field)


@_report_empty
def read_csv(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per row of a CSV file with a header row."""
    where = display_path(path)
    try:
        text = read_text(path)
    except InputProblem as problem:
        yield problem
        return
    if not text.strip():
        return
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        yield InputProblem(where, f"malformed CSV header: {error}", line=1)
        return
    if "text" not in header or not any(name in header for name in DATE_FIELDS):
        yield InputProblem(
            where,
            f"the header must name a 'text' column and one of {', '.join(DATE_FIELDS)}; "
            f"found {', '.join(header)[:200] or 'no header'}",
            line=1,
        )
        return
    yield from _csv_rows(reader, where, collection, max_chars, date_order)


def _csv_rows(
    reader: csv.DictReader,
    where: str,
    collection: str,
    max_chars: int,
    date_order: DateOrder | None,
) -> Iterator[Article | InputProblem]:
    row_start = reader.line_num + 1
    try:
        for row in reader:
            yield record_to_article(row, where, row_start, collection, max_chars, date_order)
            row_start = reader.line_num + 1
    except csv.Error as error:
        yield InputProblem(where, f"malformed CSV: {error}", line=reader.line_num)
