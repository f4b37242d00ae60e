"""What ``dateline check`` accepts as an article's stored sentence spans: at least one
span, each non-empty and inside the text, and a blob of whole spans. A check that lets
a broken array through reports a damaged store as consistent (found by
``bench/mutation_check.py``).
"""

from __future__ import annotations

import numpy as np
import pytest

from dateline.store.spans import pack_spans, spans_fit


def packed(*spans: tuple[int, int]) -> bytes:
    return pack_spans(np.array(spans, dtype=np.int32).reshape(-1, 2))


def test_spans_inside_the_text_fit() -> None:
    assert spans_fit(packed((0, 5), (6, 10)), 10)


@pytest.mark.parametrize(
    ("blob", "why"),
    [
        (packed(), "no sentence"),
        (packed((0, 5), (6, 11)), "a span past the end of the text"),
        (packed((-1, 5)), "a span before its start"),
        (packed((0, 5), (5, 5)), "an empty span"),
        (packed((4, 2)), "a span that ends before it starts"),
        (packed((0, 5))[:-1], "a blob that is not a whole number of spans"),
        (None, "no blob at all"),
    ],
)
def test_broken_spans_do_not_fit(blob: bytes, why: str) -> None:
    assert not spans_fit(blob, 10), why
