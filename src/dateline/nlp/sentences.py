"""Sentence splitting with character offsets.

Line breaks are hard boundaries: news exports put headlines, bylines and paragraphs on
their own lines, and Timeline17 has one sentence per line. Within a line, BlingFire's
finite-state splitter (C++, handles abbreviations such as "U.S." and "Jan.") finds the
sentence ends. Offsets index the article text, so every sentence traces back to its span.

BlingFire's own ``text_to_sentences_and_offsets`` maps UTF-8 byte offsets back to string
offsets with a Python loop over every byte, which made splitting the slowest step of
ingest; here the C function is called directly, only on lines that may hold more than
one sentence (given the whole line, spaces included, as its decisions depend on them),
with reused buffers, and the mapping is a NumPy cumulative sum (skipped for ASCII text).
"""

from __future__ import annotations

import ctypes
import re
import threading

import blingfire
import numpy as np

from dateline.model import Span

MAX_SENTENCE_CHARS = 2000
_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding whitespace
_INNER_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+\S")
_HAS_WORD = re.compile(r"\w")
_LIBRARY = blingfire.blingfire
_BUFFERS = threading.local()


def split_sentences(text: str, lines_are_sentences: bool = False) -> tuple[Span, ...]:
    """The sentence spans of ``text``, in order, without surrounding whitespace (see
    ``sentence_bounds``)."""
    return tuple(Span(start, end) for start, end in sentence_bounds(text, lines_are_sentences))


def sentence_bounds(text: str, lines_are_sentences: bool = False) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the sentences of ``text``, in order, without
    surrounding whitespace: ``split_sentences`` without a ``Span`` per sentence, which
    an ingest, storing offsets, would only take apart again.

    With ``lines_are_sentences`` (pre-segmented input), each non-blank line is a sentence.

    Lines without a sentence-final mark followed by more text are one sentence each and
    skip BlingFire. A piece without any letter or digit (a closing quote split off by
    BlingFire in tokenized text) joins the sentence before it. A sentence longer than
    ``MAX_SENTENCE_CHARS`` (a table flattened into one line) is cut into pieces of at most
    that size, so no span is unboundedly large.
    """
    spans: list[tuple[int, int]] = []
    for trimmed in _LINE.finditer(text):
        start, end = trimmed.span()
        if lines_are_sentences or _INNER_BOUNDARY.search(text, start, end) is None:
            if end - start <= MAX_SENTENCE_CHARS:
                spans.append((start, end))
                continue
            pieces = [(start, end)]
        else:
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            line = text[line_start:] if line_end < 0 else text[line_start:line_end]
            pieces = [(line_start + a, line_start + b) for a, b in _blingfire_spans(line)]
        for piece_start, piece_end in pieces:
            for span in _trimmed_pieces(text, piece_start, piece_end):
                if spans and spans[-1][1] >= start and not _HAS_WORD.search(text, *span):
                    spans[-1] = (spans[-1][0], span[1])
                else:
                    spans.append(span)
    return spans


def _blingfire_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``[start, end)`` character spans as BlingFire finds them in ``text``."""
    data = text.encode("utf-8")
    output, starts, ends = _buffers(len(data) * 2 + 16)
    capacity = len(output)
    written = _LIBRARY.TextToSentencesWithOffsets(
        ctypes.c_char_p(data),
        ctypes.c_int(len(data)),
        ctypes.byref(output),
        ctypes.byref(starts),
        ctypes.byref(ends),
        ctypes.c_int(capacity),
    )
    if written <= 0 or written > capacity:
        return [(0, len(text))]
    count = output.raw[:written].count(b"\n") + 1
    if len(data) == len(text):
        return [(start, end + 1) for start, end in zip(starts[:count], ends[:count], strict=True)]
    byte_starts = np.frombuffer(memoryview(starts), dtype=np.int32, count=count).astype(np.int64)
    byte_ends = np.frombuffer(memoryview(ends), dtype=np.int32, count=count).astype(np.int64) + 1
    is_char_start = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
    char_at_byte = np.concatenate(([0], np.cumsum(is_char_start)))
    return list(zip(char_at_byte[byte_starts].tolist(), char_at_byte[byte_ends].tolist(), strict=True))


def _buffers(capacity: int) -> tuple[ctypes.Array, ctypes.Array, ctypes.Array]:
    """This thread's output buffers for BlingFire, of at least ``capacity`` entries:
    allocating (and zeroing) them for every line cost as much as the splitting."""
    held = getattr(_BUFFERS, "held", None)
    if held is None or len(held[0]) < capacity:
        size = max(capacity, 2 * len(held[0]) if held else 4096)
        held = (ctypes.create_string_buffer(size), (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)())
        _BUFFERS.held = held
    return held


def _trimmed_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)] if end > start else []
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
