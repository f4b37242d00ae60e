"""Which article files under watched paths are ready to ingest: new or changed since the
last look, and no longer being written.

``dateline watch`` polls: each ``FileWatch.poll`` walks the paths as ``dateline ingest``
does (``find_article_files``) and compares each file's size and modification time with
the last poll. A new or changed file is handed over once it has looked the same on two
polls in a row, so a file still being copied in is not read half-written; the files
present when the watch starts are handed over at once. Re-reading a changed file (a feed
that gained items) is cheap: ingest recognises the articles it already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.discover import find_article_files

Signature = tuple[int, int]  # size in bytes, modification time in nanoseconds


@dataclass
class FileWatch:
    """The state of a watch over ``paths``: what was handed over, what is settling."""

    paths: list[Path]
    _handed_over: dict[Path, Signature] = field(default_factory=dict)
    _settling: dict[Path, Signature] = field(default_factory=dict)
    _reported: set[str] = field(default_factory=set)
    _first: bool = True

    def poll(self) -> tuple[list[Path], list[InputProblem]]:
        """The files to ingest now, and the problems not reported before (a path that
        vanished, a file of no known format)."""
        ready, problems = [], []
        for item in find_article_files(self.paths):
            if isinstance(item, InputProblem):
                if str(item) not in self._reported:
                    self._reported.add(str(item))
                    problems.append(item)
                continue
            path = item[0]
            signature = _signature(path)
            if signature is None or self._handed_over.get(path) == signature:
                continue
            if self._first or self._settling.get(path) == signature:
                ready.append(path)
                self._handed_over[path] = signature
                self._settling.pop(path, None)
            else:
                self._settling[path] = signature
        self._first = False
        return ready, problems

    @property
    def settling(self) -> bool:
        """Whether a new or changed file waits for the next poll to show it unchanged (the
        watch then looks again after half its interval, so a dropped file is read within
        one and a half intervals)."""
        return bool(self._settling)


def _signature(path: Path) -> Signature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
