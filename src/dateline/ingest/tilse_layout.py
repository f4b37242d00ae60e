"""Reader for the Timeline17 / tilse layout: ``<topic>/InputDocs/<YYYY-MM-DD>/<file>``.

The publication date is the name of the file's folder; the collection is the name of the
folder that holds ``InputDocs`` (e.g. ``bpoil_bbc``), so one store can hold many topics
and each can be searched alone.

The files are PTB-tokenized, one sentence a line, with the page's furniture kept (and,
in the Entities corpus, with mojibake); what is stored is the article as a reader sees
it: decoded (``dateline.ingest.mojibake``), normal text (``dateline.ingest.ptb_text``),
without furniture lines, and with the headline run into the first sentence taken out and
made the title (``dateline.ingest.furniture``), its stamps and bylines left out
(``dateline.ingest.headline``), and so are the lines that the site puts at the top of
many of the folder's pages (``dateline.ingest.site_lines``). The article id is still the hash of the
file's own text: it names the source document, not what the rules make of it, so that
changing a rule cannot turn a re-ingest into a second copy of every article. A store
written before a cleaning rule changed therefore keeps its older text when the same files
are ingested again (they are recognised as stored): to upgrade, ingest the same folders
into a new store (``dateline ingest <folders> --db new.db``) and use that one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder, parse_publication_date
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path, read_text
from dateline.ingest.furniture import CleanText, clean_text
from dateline.ingest.headline import MIN_WORDS, article_title
from dateline.ingest.ids import article_id
from dateline.ingest.mojibake import repair_mojibake
from dateline.ingest.ptb_text import hyphens_are_spaced, restore_text
from dateline.ingest.site_lines import folder_openings, shared_opening_lines
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
    folder = _folder(path.parent.parent)
    clean = clean_text(restore_text(repair_mojibake(raw), folder.hyphens_spaced))
    if not clean.lines:
        yield InputProblem(where, "no article text: every line is page furniture", field="text")
        return
    collection = collection or tilse_collection(path)
    yield Article(
        id=article_id(published, raw, collection),
        published=published,
        text="\n".join(clean.lines),
        title=_title(clean, folder.site_lines),
        source=where,
        collection=collection,
        lines_are_sentences=True,
    )


@dataclass(frozen=True)
class _Folder:
    """What a topic folder's pages show together, which one page may not: the lines the
    site puts on many of them (``dateline.ingest.site_lines``), restored, and whether its
    tokenizer spaced every hyphen (the Entities corpus: "a 23 - year - old", "the run -
    off"; no hyphen of its folders is written without spaces, where Timeline17's write
    three to ten times as many so), judged as for one text over the pages' openings
    (``dateline.ingest.ptb_text.hyphens_are_spaced``)."""

    site_lines: frozenset[str]
    hyphens_spaced: bool


@lru_cache(maxsize=64)
def _folder(input_docs: Path) -> _Folder:
    """The folder's ``_Folder``, read once per folder and process."""
    openings = folder_openings(input_docs)
    spaced = hyphens_are_spaced("\n".join(line for _, lines in openings for line in lines))
    restored = (restore_text(repair_mojibake(line), spaced) for line in shared_opening_lines(openings))
    # Shorter site lines cannot be a title, and are not left out of a headline block
    # ("Update:" may be part of one).
    return _Folder(frozenset(line for line in restored if len(line.split()) >= MIN_WORDS), spaced)


def _title(clean: CleanText, site_lines: frozenset[str]) -> str:
    """``article_title`` of the headline block and sentences without the site's lines
    (with all of them when nothing else is left). A line of the block is left out only
    where it is a site line whole: "Egypt protests continue" on many pages does not cut
    a headline that starts with those words."""
    headline = clean.headline
    if any(line in site_lines for line in clean.headline_lines):
        headline = " ".join(line for line in clean.headline_lines if line not in site_lines)
    own = [line for line in clean.lines if line not in site_lines]
    return article_title(headline, own or clean.lines)
