"""Finding the article files under the paths a user gives, and the reader for each
(``dateline.ingest.readers``).

A file named on the command line is always read (its format chosen by location,
extension or first bytes; a text file of no known type as plain text). Inside folders,
files with a known extension, tilse-layout articles and files whose first bytes show
their format are read, and every other file is reported as not read, with the reason
(``reader_for``); hidden files are skipped, and a folder that holds ``InputDocs`` is read only
through it (its ``timelines/`` and ``keywords.json`` are not articles). Folders are
walked in sorted order without following symlinks to folders, so runs are repeatable and
symlink loops cannot trap the walk; the walk keeps its own stack, so no nesting depth can
exhaust Python's recursion limit. Whatever cannot be examined (a folder that cannot be
listed, a file that cannot be looked at, a broken link, a FIFO) is reported as a problem
naming it, never raised: one bad entry must not stop the others from being read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.decode import display_path
from dateline.ingest.readers import Reader, reader_for
from dateline.ingest.tilse_layout import INPUT_DOCS


def find_article_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Reader] | InputProblem]:
    """Yield ``(file, reader)`` for every article file under ``paths``, in a stable order,
    or a problem for a path that does not exist or cannot be examined."""
    for path in paths:
        try:
            is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
        except OSError as error:
            yield InputProblem(display_path(path), f"cannot examine: {error.strerror or error}")
            continue
        if is_dir:
            yield from _walk(path)
        elif is_file:
            reader = reader_for(path, named_explicitly=True)
            yield reader if isinstance(reader, InputProblem) else (path, reader)
        elif exists:
            yield InputProblem(display_path(path), "not a regular file or folder")
        elif path.is_symlink():
            yield InputProblem(display_path(path), "broken symbolic link, or a link loop")
        else:
            yield InputProblem(display_path(path), "no such file or folder")


def _walk(root: Path) -> Iterator[tuple[Path, Reader] | InputProblem]:
    """Depth first, each folder's files before its subfolders, names in sorted order."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield InputProblem(display_path(folder), f"cannot list folder: {error.strerror or error}")
            continue
        subfolders: list[Path] = []
        files: list[tuple[Path, os.DirEntry[str]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError as error:
                yield InputProblem(display_path(Path(entry.path)), f"cannot examine: {error.strerror or error}")
                continue
            if is_folder:
                subfolders.append(Path(entry.path))
            else:
                files.append((Path(entry.path), entry))
        if folder / INPUT_DOCS in subfolders:
            pending.append(folder / INPUT_DOCS)
            continue
        for path, entry in files:
            yield from _file(path, entry)
        pending.extend(reversed(subfolders))


def _file(path: Path, entry: os.DirEntry[str]) -> Iterator[tuple[Path, Reader] | InputProblem]:
    """``path`` (listed as ``entry``, not a folder itself) with its reader, or the
    problem saying why it is not read. A symbolic link is followed: to a folder, it is
    passed by (folders are walked without following links); to nothing, it is a problem.
    Anything else is known from the listing, without another system call per file."""
    try:
        if entry.is_symlink():
            if path.is_dir():
                return
            is_file = path.is_file()
        else:
            is_file = entry.is_file(follow_symlinks=False)
    except OSError as error:
        yield InputProblem(display_path(path), f"cannot examine: {error.strerror or error}")
        return
    if is_file:
        reader = reader_for(path, named_explicitly=False)
        yield reader if isinstance(reader, InputProblem) else (path, reader)
    else:
        yield InputProblem(display_path(path), "broken link or not a regular file")
