"""Which near-duplicate candidates are confirmed when an article has more than
``MAX_CONFIRMATIONS``: those sharing the most band keys with it, so that a true copy is
not crowded out by articles that share one key by chance (found by
``bench/mutation_check.py``: reversing that order went unnoticed)."""

from __future__ import annotations

import random
import sqlite3

import numpy as np

from dateline.store.duplicates import MAX_CONFIRMATIONS, BandIndex, find_originals
from dateline.text.dedup import BANDS, resemblance

ORIGINAL = (
    "WASHINGTON (Reuters) - The Federal Reserve held interest rates steady on Wednesday and "
    "signaled it could cut them later this year if inflation keeps easing, while officials "
    "cautioned that the labor market remains tight. Fed Chair Jerome Powell told reporters "
    "that the central bank needed greater confidence before lowering borrowing costs. "
    "Markets rallied after the statement, with the S&P 500 closing at a record high and "
    "Treasury yields falling to their lowest level in two months."
)
COPY = "By Ann Saphir and Howard Schneider | Wed Mar 20, 2024 4:12pm EDT\n" + ORIGINAL
WORDS = (
    "harbour council budget river school tunnel strike ruling airport contract election "
    "railway minister hospital bridge workers union mayor court vote"
).split()


def unrelated(seed: int) -> str:
    chooser = random.Random(seed)
    return " ".join(chooser.choice(WORDS) for _ in range(60)) + f" {seed}."


def test_the_candidate_sharing_most_keys_is_confirmed_before_chance_ones() -> None:
    chance = [unrelated(seed) for seed in range(MAX_CONFIRMATIONS)]
    assert resemblance(COPY, ORIGINAL) >= 0.8
    assert all(resemblance(COPY, text) < 0.8 for text in chance)
    # The original shares all its band keys with the copy; each chance article one of them.
    original_keys = np.arange(1, BANDS + 1, dtype=np.int64)
    chance_keys = [
        np.concatenate(([number + 1], 1000 + BANDS * number + np.arange(1, BANDS))) for number in range(len(chance))
    ]
    keys = np.array([original_keys, *chance_keys, original_keys], dtype=np.int64)
    texts = [ORIGINAL, *chance, COPY]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE article_bands (article INTEGER PRIMARY KEY, keys BLOB)")

    originals = find_originals(db, BandIndex(), list(range(1, len(texts) + 1)), texts, keys)

    assert originals == [None] * (len(texts) - 1) + [1]
