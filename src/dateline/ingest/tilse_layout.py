"""Reader for the Timeline17 / tilse layout: ``<topic>/InputDocs/<YYYY-MM-DD>/<file>``.

The publication date is the name of the file's folder; the collection is the name of the
folder that holds ``InputDocs`` (e.g. ``bpoil_bbc``), so one store can hold many topics
and each can be searched alone.

The files are PTB-tokenized, one sentence a line, with the page's furniture kept (and,
in the Entities corpus, with mojibake); what is stored is the article as a reader sees
it: decoded (``dateline.ingest.mojibake``), normal text (``dateline.ingest.ptb_text``),
without furniture lines, and with the headline run into the first sentence taken out and
made the title (``dateline.ingest.furniture``), its stamps and bylines left out
(``dateline.ingest.headline``). The article id is still the hash of the
file's own text: it names the source document, not what the rules make of it, so that
changing a rule cannot turn a re-ingest into a second copy of every article. A store
written before a cleaning rule changed therefore keeps its older text when the same files
are ingested again (they are recognised as stored): to upgrade, ingest the same folders
into a new store (``dateline ingest <folders> --db new.db``) and use that one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path, read_text
from dateline.ingest.furniture import clean_text
from dateline.ingest.headline import article_title
from dateline.ingest.ids import article_id
from dateline.ingest.mojibake import repair_mojibake
from dateline.ingest.ptb_text import restore_text
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


def read_tilse_article(
    path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """Yield the article in ``path`` (dated by its folder, always YYYY-MM-DD: ``date_order``
    is not needed), or the problem with it."""
    where = display_path(path)
    try:
        published = parse_publication_date(path.parent.name)
    except ValueError as error:
        yield InputProblem(where, f"folder name: {error}", field="date")
        return
    try:
        raw = read_text(path, max_chars).strip()
    except InputProblem as problem:
        yield problem
        return
    if not raw:
        yield InputProblem(where, "empty file", field="text")
        return
    clean = clean_text(restore_text(repair_mojibake(raw)))
    if not clean.lines:
        yield InputProblem(where, "no article text: every line is page furniture", field="text")
        return
    collection = collection or tilse_collection(path)
    yield Article(
        id=article_id(published, raw, collection),
        published=published,
        text="\n".join(clean.lines),
        title=article_title(clean.headline, clean.lines),
        source=where,
        collection=collection,
        lines_are_sentences=True,
    )
