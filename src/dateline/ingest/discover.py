"""Finding the article files under the paths a user gives, and the reader for each.

A file named on the command line is always read (its format chosen by location and
extension). Inside folders, only files with a known extension, or tilse-layout articles,
are read; hidden files are skipped, and a folder that holds ``InputDocs`` is read only
through it (its ``timelines/`` and ``keywords.json`` are not articles). Folders are
walked in sorted order without following symlinks, so runs are repeatable and symlink
loops cannot trap the walk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.decode import display_path
from dateline.ingest.plaintext import read_plaintext
from dateline.ingest.records import read_csv, read_json, read_jsonl
from dateline.ingest.tilse_layout import INPUT_DOCS, is_tilse_article, read_tilse_article
from dateline.model import Article

Reader = Callable[[Path, str], Iterator[Article | InputProblem]]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".txt": read_plaintext,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}


def reader_for(path: Path, named_explicitly: bool) -> Reader | None:
    """The reader for ``path``, or None when a folder walk should pass it by."""
    if is_tilse_article(path):
        return read_tilse_article
    reader = READERS_BY_SUFFIX.get(path.suffix.lower())
    if reader is None and named_explicitly:
        return read_plaintext
    return reader


def find_article_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Reader] | InputProblem]:
    """Yield ``(file, reader)`` for every article file under ``paths``, in a stable order,
    or a problem for a path that does not exist or a folder that cannot be listed."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            reader = reader_for(path, named_explicitly=True)
            assert reader is not None
            yield path, reader
        elif path.exists():
            yield InputProblem(display_path(path), "not a regular file or folder")
        else:
            yield InputProblem(display_path(path), "no such file or folder")


def _walk(root: Path) -> Iterator[tuple[Path, Reader] | InputProblem]:
    problems: list[InputProblem] = []

    def report(error: OSError) -> None:
        where = display_path(Path(error.filename)) if error.filename else display_path(root)
        problems.append(InputProblem(where, f"cannot list folder: {error.strerror}"))

    for folder, subfolders, files in os.walk(root, onerror=report):
        yield from problems
        problems.clear()
        if INPUT_DOCS in subfolders:
            subfolders[:] = [INPUT_DOCS]
            files = []
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            reader = reader_for(path, named_explicitly=False)
            if reader is None:
                continue
            if path.is_file():
                yield path, reader
            else:
                yield InputProblem(display_path(path), "broken link or not a regular file")
    yield from problems
