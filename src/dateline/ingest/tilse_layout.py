"""Reader for the Timeline17 / tilse layout: ``<topic>/InputDocs/<YYYY-MM-DD>/<file>``.

The publication date is the name of the file's folder; the collection is the name of the
folder that holds ``InputDocs`` (e.g. ``bpoil_bbc``), so one store can hold many topics
and each can be searched alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.dates import parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path, read_text
from dateline.ingest.ids import article_id
from dateline.model import Article

INPUT_DOCS = "InputDocs"
_DATE_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def is_tilse_article(path: Path) -> bool:
    """Whether ``path`` sits at ``.../InputDocs/<YYYY-MM-DD>/<file>``."""
    return path.parent.parent.name == INPUT_DOCS and bool(_DATE_FOLDER.match(path.parent.name))


def tilse_collection(path: Path) -> str:
    """The topic folder name of a tilse-layout article (printable, even when the name is
    not valid UTF-8)."""
    return display_path(Path(path.parent.parent.parent.name))


def read_tilse_article(path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS
                       ) -> Iterator[Article | InputProblem]:
    """Yield the article in ``path`` (dated by its folder), or the problem with it."""
    where = display_path(path)
    try:
        published = parse_publication_date(path.parent.name)
    except ValueError as error:
        yield InputProblem(where, f"folder name: {error}", field="date")
        return
    try:
        text = read_text(path, max_chars).strip()
    except InputProblem as problem:
        yield problem
        return
    if not text:
        yield InputProblem(where, "empty file", field="text")
        return
    collection = collection or tilse_collection(path)
    yield Article(
        id=article_id(published, text, collection),
        published=published,
        text=text,
        title=text.split("\n", 1)[0].strip()[:200],
        source=where,
        collection=collection,
        lines_are_sentences=True,
    )
