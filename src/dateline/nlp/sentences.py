"""Sentence splitting with character offsets.

Line breaks are hard boundaries: news exports put headlines, bylines and paragraphs on
their own lines, and Timeline17 has one sentence per line. Within a line, BlingFire's
finite-state splitter (C++, handles abbreviations such as "U.S." and "Jan.") finds the
sentence ends. Offsets index the article text, so every sentence traces back to its span.

BlingFire's own ``text_to_sentences_and_offsets`` maps UTF-8 byte offsets back to string
offsets with a Python loop over every byte, which made splitting the slowest step of
ingest; here the C function is called directly, only on lines that may hold more than
one sentence, and the mapping is a NumPy cumulative sum (skipped for ASCII text).
"""

from __future__ import annotations

import ctypes
import re

import blingfire
import numpy as np

from dateline.model import Span

MAX_SENTENCE_CHARS = 2000
_LINE = re.compile(r"[^\n]+")
_INNER_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+\S")
_HAS_WORD = re.compile(r"\w")
_LIBRARY = blingfire.blingfire


def split_sentences(text: str, lines_are_sentences: bool = False) -> tuple[Span, ...]:
    """The sentence spans of ``text``, in order, without surrounding whitespace.

    With ``lines_are_sentences`` (pre-segmented input), each non-blank line is a sentence.

    Lines without a sentence-final mark followed by more text are one sentence each and
    skip BlingFire. A piece without any letter or digit (a closing quote split off by
    BlingFire in tokenized text) joins the sentence before it. A sentence longer than
    ``MAX_SENTENCE_CHARS`` (a table flattened into one line) is cut into pieces of at most
    that size, so no span is unboundedly large.
    """
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if lines_are_sentences or _INNER_BOUNDARY.search(text, start, end) is None:
            pieces = [(start, end)]
        else:
            pieces = [(start + a, start + b) for a, b in _blingfire_spans(line.group())]
        for piece_start, piece_end in pieces:
            for span in _trimmed_pieces(text, piece_start, piece_end):
                if spans and spans[-1].end >= start and not _HAS_WORD.search(text, span.start, span.end):
                    spans[-1] = Span(spans[-1].start, span.end)
                else:
                    spans.append(span)
    return tuple(spans)


def _blingfire_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``[start, end)`` character spans as BlingFire finds them in ``text``."""
    data = text.encode("utf-8")
    capacity = len(data) * 2 + 16
    output = ctypes.create_string_buffer(capacity)
    starts = (ctypes.c_int32 * capacity)()
    ends = (ctypes.c_int32 * capacity)()
    written = _LIBRARY.TextToSentencesWithOffsets(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(output),
        ctypes.byref(starts), ctypes.byref(ends), ctypes.c_int(capacity),
    )
    if written <= 0 or written > capacity:
        return [(0, len(text))]
    count = output.value.count(b"\n") + 1
    byte_starts = np.frombuffer(starts, dtype=np.int32, count=count).astype(np.int64)
    byte_ends = np.frombuffer(ends, dtype=np.int32, count=count).astype(np.int64) + 1
    if len(data) != len(text):
        is_char_start = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
        char_at_byte = np.concatenate(([0], np.cumsum(is_char_start)))
        byte_starts, byte_ends = char_at_byte[byte_starts], char_at_byte[byte_ends]
    return list(zip(byte_starts.tolist(), byte_ends.tolist()))


def _trimmed_pieces(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(Span(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append(Span(start, end))
    return pieces
