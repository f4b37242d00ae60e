"""How an article's sentence spans are stored: one array per article, not a row per sentence.

An article has about fifty sentences; a row for each cost the store write a noticeable
share of its time (what SQLite does per row, the B-tree insert and the parameter binding,
happened fifty times per article). The spans are a BLOB of little-endian int32
``start, end`` pairs in sentence order: sentence ``i`` is pair ``i``, so a sentence's
index is its position and ``length(spans) / SPAN_BYTES`` (plain SQL) is the count.
Article texts are far shorter than 2**31 characters (``ingest.decode.DEFAULT_MAX_CHARS``
is 10 million); ``pack_spans`` refuses offsets that do not fit rather than wrap them.
"""

from __future__ import annotations

import numpy as np

SPAN_DTYPE = np.dtype("<i4")
SPAN_BYTES = 2 * SPAN_DTYPE.itemsize
"""Bytes per sentence in a stored spans array."""


_LARGEST = np.iinfo(SPAN_DTYPE).max


def pack_spans(spans: np.ndarray) -> bytes:
    """The stored form of an ``(n, 2)`` array of sentence ``start, end`` offsets; raises
    ``ValueError`` for an offset beyond what int32 holds."""
    if spans.size and spans.max() > _LARGEST:
        raise ValueError(f"a sentence offset beyond {_LARGEST} cannot be stored")
    return np.ascontiguousarray(spans, dtype=SPAN_DTYPE).tobytes()


def unpack_spans(blob: bytes) -> np.ndarray:
    """The ``(n, 2)`` int32 array of offsets a stored spans array holds (read-only);
    raises ``ValueError`` when ``blob`` is not a whole number of spans."""
    if len(blob) % SPAN_BYTES:
        raise ValueError(f"{len(blob)} bytes is not a whole number of {SPAN_BYTES}-byte spans")
    return np.frombuffer(blob, dtype=SPAN_DTYPE).reshape(-1, 2)


def spans_fit(blob: bytes, text_length: int) -> bool:
    """Whether a stored spans array is sound for a text of ``text_length`` characters: at
    least one sentence, each non-empty and inside the text."""
    try:
        spans = unpack_spans(blob)
    except (TypeError, ValueError):
        return False
    return bool(len(spans)) and bool(
        (spans[:, 0] >= 0).all() and (spans[:, 1] <= text_length).all() and (spans[:, 0] < spans[:, 1]).all()
    )
