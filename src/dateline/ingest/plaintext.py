"""Reader for plain-text articles whose text starts with `` date YYYY-MM-DD``.

This is the format of the project's seed articles: the date marker, then the article.
The rest of the first line, or one of the next two lines, may be a headline; it is taken
as the title when it looks like one (a few words, no sentence-final punctuation) and
stays part of the text, so offsets keep pointing into what the file says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path, read_text
from dateline.ingest.ids import article_id
from dateline.model import Article

_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*\n?")
_TITLE_MIN_WORDS = 4
_TITLE_MAX_CHARS = 200
_TITLE_LOOKAHEAD_LINES = 3


def guess_title(text: str) -> str:
    """The headline among the first lines of ``text``, or "" when none looks like one."""
    candidates = [line.strip() for line in text.split("\n", 8)[:8] if line.strip()]
    for line in candidates[:_TITLE_LOOKAHEAD_LINES]:
        if len(line.split()) >= _TITLE_MIN_WORDS and len(line) <= _TITLE_MAX_CHARS and line[-1] not in ".!?\"'\u201d:":
            return line
    return ""


def read_plaintext(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield the one article in ``path``, or the problem that prevents reading it."""
    where = display_path(path)
    try:
        raw = read_text(path, max_chars)
    except InputProblem as problem:
        yield problem
        return
    header = _HEADER.match(raw)
    if header is None:
        yield InputProblem(where, "expected the text to start with ' date YYYY-MM-DD'", line=1, field="date")
        return
    try:
        published = parse_publication_date(header.group(1), date_order=date_order)
    except ValueError as error:
        yield InputProblem(where, str(error), line=1, field="date")
        return
    text = raw[header.end() :].rstrip()
    if not text.strip():
        yield InputProblem(where, "the article has a date but no text", line=1, field="text")
        return
    yield Article(
        id=article_id(published, text, collection),
        published=published,
        text=text,
        title=guess_title(text),
        source=where,
        collection=collection,
    )
