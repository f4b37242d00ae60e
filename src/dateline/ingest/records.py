"""Readers for article records in JSONL, JSON and CSV files.

A record needs a date (field ``date``, ``published`` or ``time``, first one present) and
a ``text``; ``title``, ``url`` and ``id`` are optional. The record's own ``id`` is kept as
its source reference, while the article id stays a content hash so that the same article
exported twice is stored once. Problems name the file, the line and the field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.dates import parse_publication_date
from dateline.ingest.decode import display_path, read_text
from dateline.ingest.ids import article_id
from dateline.model import Article

DATE_FIELDS = ("date", "published", "time")
CSV_FIELD_LIMIT = 1 << 30


def record_to_article(
    record: object, where: str, line: int | None, collection: str = ""
) -> Article | InputProblem:
    """Validate one record and turn it into an ``Article``, or say what is wrong with it."""
    if not isinstance(record, Mapping):
        return InputProblem(where, f"expected an object, got {type(record).__name__}", line=line)
    date_field = next((name for name in DATE_FIELDS if record.get(name) not in (None, "")), None)
    if date_field is None:
        return InputProblem(
            where, "missing; give 'date' as YYYY-MM-DD", line=line, field="/".join(DATE_FIELDS)
        )
    try:
        published = parse_publication_date(str(record[date_field]))
    except ValueError as error:
        return InputProblem(where, str(error), line=line, field=date_field)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, "missing or empty", line=line, field="text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\x00" in text:
        return InputProblem(where, "contains NUL characters", line=line, field="text")
    optional = {name: record.get(name) for name in ("title", "url", "id")}
    for name, value in optional.items():
        if value is not None and not isinstance(value, (str, int)):
            return InputProblem(where, "must be a string", line=line, field=name)
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


def read_jsonl(path: Path, collection: str = "") -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per non-blank line of a JSON Lines file."""
    where = display_path(path)
    try:
        text = read_text(path)
    except InputProblem as problem:
        yield problem
        return
    yield from _jsonl_records(text, where, collection)


def _jsonl_records(text: str, where: str, collection: str) -> Iterator[Article | InputProblem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputProblem(where, f"malformed JSON: {error.msg} (column {error.colno})", line=number)
            continue
        yield record_to_article(record, where, number, collection)


def read_json(path: Path, collection: str = "") -> Iterator[Article | InputProblem]:
    """Yield the articles of a ``.json`` file: an array of records, an object with an
    ``articles`` array, a single record, or (as exported by many tools) JSON Lines."""
    where = display_path(path)
    try:
        text = read_text(path)
    except InputProblem as problem:
        yield problem
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if "\n" in text.strip() and error.msg == "Extra data":
            yield from _jsonl_records(text, where, collection)
        else:
            yield InputProblem(where, f"malformed JSON: {error.msg}", line=error.lineno)
        return
    if isinstance(document, Mapping) and isinstance(document.get("articles"), list):
        document = document["articles"]
    records: Iterable[object] = document if isinstance(document, list) else [document]
    for record in records:
        yield record_to_article(record, where, None, collection)


def read_csv(path: Path, collection: str = "") -> Iterator[Article | InputProblem]:
    """Yield one article (or problem) per row of a CSV file with a header row."""
    where = display_path(path)
    try:
        text = read_text(path)
    except InputProblem as problem:
        yield problem
        return
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "text" not in header or not any(name in header for name in DATE_FIELDS):
        yield InputProblem(
            where,
            f"the header must name a 'text' column and one of {', '.join(DATE_FIELDS)}; "
            f"found {', '.join(header) or 'no header'}",
            line=1,
        )
        return
    row_start = reader.line_num + 1
    try:
        for row in reader:
            yield record_to_article(row, where, row_start, collection)
            row_start = reader.line_num + 1
    except csv.Error as error:
        yield InputProblem(where, f"malformed CSV: {error}", line=reader.line_num)
