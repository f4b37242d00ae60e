"""Reading TimeML documents (TimeBank, TempEval-3): DCT, plain text and gold TIMEX3s.

The plain text is the content of ``<TEXT>`` with every tag removed and XML entities
unescaped; gold offsets index that text. This is the text the tagger sees in evaluation,
and the text that ``--out`` prediction offsets refer to.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputProblem
from dateline.temporal.timex import Timex

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_PIECE = re.compile(r"<(/?)(\w+)([^>]*)>|(&#?\w+;)|([^<&]+|&)")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
_DCT_VALUE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML file: its name (file stem), DCT, plain text and gold TIMEX3s."""

    name: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one TimeML file; raises ``InputProblem`` naming the file when it has no
    ``<TEXT>`` or no creation-time TIMEX3."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem(str(path), f"cannot read TimeML file: {error}") from None
    body = _TEXT.search(source)
    if body is None:
        raise InputProblem(str(path), "no <TEXT> element: not a TimeML document")
    dct_tag = _DCT.search(source)
    dct_value = _DCT_VALUE.match(dict(_ATTRIBUTE.findall(dct_tag.group()))["value"]) if dct_tag else None
    if dct_value is None:
        raise InputProblem(
            str(path),
            'no TIMEX3 with functionInDocument="CREATION_TIME" and a YYYY-MM-DD value (the document creation time)',
        )
    try:
        dct = dt.date(*map(int, dct_value.groups()))
    except ValueError:
        raise InputProblem(str(path), f"invalid creation time {dct_value.group()!r}") from None
    text, timexes = _strip_tags(body.group(1))
    return TimeMLDocument(path.stem, dct, text, tuple(timexes))


def _strip_tags(marked: str) -> tuple[str, list[Timex]]:
    """The text without tags, and the TIMEX3 elements as offsets into it."""
    pieces: list[str] = []
    length = 0
    spans: list[tuple[int, int, dict[str, str]]] = []
    opened: tuple[int, dict[str, str]] | None = None
    for closing, name, attributes, entity, chars in _PIECE.findall(marked):
        if name:
            if name == "TIMEX3" and not closing:
                opened = (length, dict(_ATTRIBUTE.findall(attributes)))
            elif name == "TIMEX3" and opened is not None:
                spans.append((opened[0], length, opened[1]))
                opened = None
            continue
        piece = html.unescape(entity) if entity else chars
        pieces.append(piece)
        length += len(piece)
    plain = "".join(pieces)
    timexes = [
        Timex(start, end, plain[start:end], attrs.get("type", ""), attrs.get("value", ""))
        for start, end, attrs in spans
    ]
    return plain, timexes


def read_corpus(directory: Path) -> list[TimeMLDocument]:
    """Every ``*.tml`` file under ``directory``, sorted by name."""
    paths = sorted(directory.glob("*.tml"))
    if not paths:
        raise InputProblem(str(directory), "no *.tml TimeML files found")
    return [read_timeml(path) for path in paths]
