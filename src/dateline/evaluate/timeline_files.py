"""Timelines in the Timeline17 text format, the one tilse reads and writes.

A file is a sequence of blocks: a date line ``YYYY-MM-DD``, one sentence per line, then a
line of 32 dashes. Lines are stripped (the T17 files end most sentences with a space)
and blank lines are ignored. As in tilse's ``Timeline.from_file``, a date that appears in
two blocks keeps the later block only (three T17 files repeat dates: H1N1_bbc,
IraqWar_guardian, bpoil_guardian), so scores and the number of dates L match tilse's.
Unlike tilse, which silently drops a block with no dashes line after it and reads a
misspelled date as a sentence, this reader stops with ``InputProblem`` there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from dateline.errors import InputProblem
from dateline.evaluate.measures import TimelineDict

SEPARATOR = "-" * 32
_DATE_LINE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def read_timeline(path: str | Path) -> dict[dt.date, list[str]]:
    """Read a T17-format timeline file into ``date -> sentences``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem(str(path), f"cannot read timeline: {error}") from None
    timeline: dict[dt.date, list[str]] = {}
    date: dt.date | None = None
    date_line = 0
    sentences: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line == SEPARATOR:
            if date is None:
                raise InputProblem(str(path), "a dashes line without a date line before it", line=number)
            timeline[date] = sentences
            date, sentences = None, []
        elif date is None:
            date, date_line = _parse_date(line, str(path), number), number
        elif _DATE_LINE.fullmatch(line):
            raise InputProblem(
                str(path),
                f"date line inside the block of line {date_line}; expected a line of {len(SEPARATOR)} dashes before it",
                line=number,
            )
        else:
            sentences.append(line)
    if date is not None:
        raise InputProblem(
            str(path), f"the block of line {date_line} has no closing line of {len(SEPARATOR)} dashes", line=date_line
        )
    return timeline


def write_timeline(timeline: TimelineDict, path: str | Path) -> None:
    """Write ``timeline`` in date order, creating the parent folder. Whitespace inside a
    sentence (line breaks included) becomes single spaces so that each sentence stays on
    one line; empty sentences are left out."""
    lines = []
    for date in sorted(timeline):
        lines.append(date.isoformat())
        lines.extend(sentence for sentence in (" ".join(s.split()) for s in timeline[date]) if sentence)
        lines.append(SEPARATOR)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _parse_date(line: str, path: str, number: int) -> dt.date:
    if _DATE_LINE.fullmatch(line):
        year, month, day = (int(part) for part in line.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError as error:
            raise InputProblem(path, f"invalid date {line!r}: {error}", line=number) from None
    raise InputProblem(path, f"expected a date line YYYY-MM-DD, found {line[:60]!r}", line=number)
