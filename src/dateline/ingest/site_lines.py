"""The lines a site puts at the top of many of its pages: a topic folder's page furniture.

A scraped page often opens with the site's own lines before its article: a related
story's link, an edition notice, a newsletter offer, a list of the day's headlines. In
Timeline17 CNN's "2 men charged in death of Chicago teen who performed in inauguration
event." opens 58 of the Egypt topic's pages, published over 19 days, and Reuters' "U.S.
Northeast digs out from blizzard, tornado strikes in South." 25 of Libya's. One page
alone cannot tell such a line from its headline; the site's other pages can. A line
among the first ``OPENING_LINES`` of at least ``MIN_PAGES`` pages of a folder, published
on at least ``MIN_DAYS`` different days, is the site's, not an article's (a story's own
headline is on one page, or on copies of it from the same day or two).

Such lines name no article, so they are not taken as its title
(``dateline.ingest.tilse_layout``). They stay in the text: a line that many pages
repeat is often the story's own background ("The blast killed 11 workers.") or a list
of its key dates, which a timeline wants.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.ingest.decode import bom_encoding, unix_newlines

OPENING_LINES = 12
MIN_PAGES = 3
MIN_DAYS = 2
# What is read of each page for its opening lines: they are short, and the longest
# line of a page (often a comment thread) is not paid for.
_OPENING_BYTES = 4096
# Of a larger folder, this many pages spread evenly over it are read: a site's lines are
# on a good share of its pages, and a folder of a million pages is not read twice over.
SAMPLED_PAGES = 2000


def shared_opening_lines(pages: Iterable[tuple[str, Iterable[str]]]) -> frozenset[str]:
    """The lines (stripped) that open at least ``MIN_PAGES`` of ``pages`` published on at
    least ``MIN_DAYS`` days; ``pages`` are each page's publication day (any string that
    names it) and opening lines."""
    pages_of: defaultdict[str, int] = defaultdict(int)
    days_of: defaultdict[str, set[str]] = defaultdict(set)
    for day, lines in pages:
        for line in {line.strip() for line in lines} - {""}:
            pages_of[line] += 1
            days_of[line].add(day)
    return frozenset(line for line, count in pages_of.items() if count >= MIN_PAGES and len(days_of[line]) >= MIN_DAYS)


def folder_openings(input_docs: Path) -> list[tuple[str, list[str]]]:
    """The publication day and first ``OPENING_LINES`` lines of the pages under
    ``input_docs`` (a Timeline17-layout ``InputDocs`` folder: one folder per day), as the
    files have them (not restored); of more than ``SAMPLED_PAGES`` pages, an evenly spread
    sample of that many. A file that cannot be read counts as a page without lines."""
    pages = sorted(_pages(input_docs))
    step = max(1, -(-len(pages) // SAMPLED_PAGES))
    return [_opening_lines(path) for path in pages[::step]]


def _pages(input_docs: Path) -> Iterator[Path]:
    """The files in the day folders of ``input_docs``; a folder or file this process may
    not look into is passed by (the page being read is read on its own)."""
    try:
        days = [entry for entry in os.scandir(input_docs) if entry.is_dir()]
    except OSError:
        return
    for day in days:
        try:
            files = [entry for entry in os.scandir(day.path) if entry.is_file()]
        except OSError:
            continue
        yield from (Path(entry.path) for entry in files)


def folder_opening_lines(input_docs: Path) -> frozenset[str]:
    """``shared_opening_lines`` of the pages under ``input_docs`` (``folder_openings``)."""
    return shared_opening_lines(folder_openings(input_docs))


def _opening_lines(path: Path) -> tuple[str, list[str]]:
    """The day folder's name and the first ``OPENING_LINES`` whole lines of ``path``."""
    try:
        with path.open("rb") as file:
            head = file.read(_OPENING_BYTES)
    except OSError:
        return path.parent.name, []
    encoding, bom = bom_encoding(head)
    lines = unix_newlines(head[bom:].decode(encoding, errors="replace")).split("\n")
    if len(lines) <= OPENING_LINES and len(head) == _OPENING_BYTES:
        lines.pop()  # the last line read is cut
    return path.parent.name, lines[:OPENING_LINES]
