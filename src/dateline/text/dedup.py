"""Near-duplicate detection: MinHash signatures cut into LSH band keys, and the exact
resemblance that confirms a candidate.

A wire story republished by many outlets (or re-filed with a new byline, timestamp or
photo caption) should count once in a timeline. Two articles are near-duplicates when
the Jaccard resemblance of their shingle sets is at least ``THRESHOLD``: on Timeline17,
pairs above 0.8 are copies or minor re-filings of one story, pairs below it are mostly
follow-ups that reuse background paragraphs but report a new event.

Shingles: the text is lower-cased and reduced to its letters and digits (punctuation,
spacing and tokenization differences vanish: "U.S.," and "U.S ." are the same), and
each word starts a shingle made of the next ``SHINGLE_BYTES`` bytes of that stream
(two to three words). Everything is computed on NumPy arrays, because per-shingle Python
work would cost as much as the temporal tagger.

Signatures: ``NUM_PERM`` min-hashes (the MinHash of datasketch, with the random
permutations ``a·x + b mod 2**32`` applied to the top 32 bits of each shingle hash, all
at once in 32-bit NumPy arithmetic, much faster than 64-bit and as accurate on
Timeline17 pairs) over the shingles whose hash falls in a fixed quarter of the hash
space. Sampling by hash value keeps the same shingles in both copies, so the
sample's resemblance estimates the whole text's at a quarter of the cost. The signature
is cut into ``BANDS`` bands of ``ROWS`` values; two articles sharing any band key are
candidates. With 16 × 6, a pair at resemblance 0.8 becomes a candidate with probability
0.99, a pair at 0.5 with 0.22 and at 0.3 with 0.01; candidates are then confirmed with
``resemblance`` on the full shingle sets, so the band keys only need high recall.
"""

from __future__ import annotations

import numpy as np

THRESHOLD = 0.8
SHINGLE_BYTES = 16
BANDS = 16
ROWS = 6
NUM_PERM = BANDS * ROWS
SAMPLE_MASK = np.uint64(3)
NO_KEYS = np.zeros(BANDS, dtype=np.int64)

_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))
_SHIFT = np.uint64(32)
_RANDOM = np.random.default_rng(20130701)
_PERM_A = _RANDOM.integers(1, 1 << 32, NUM_PERM, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
_PERM_B = _RANDOM.integers(0, 1 << 32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
_BAND_MIX = _RANDOM.integers(1, 1 << 63, (BANDS, ROWS), dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _RANDOM.integers(0, 1 << 63, BANDS, dtype=np.uint64)


def shingle_hashes(text: str) -> np.ndarray:
    """The 64-bit hashes of the shingles of ``text`` (see the module docstring), with
    repeats; empty when the text has no letter or digit."""
    raw = np.frombuffer(text.lower().encode("utf-8"), dtype=np.uint8)
    kept = ((raw - np.uint8(48)) < 10) | ((raw - np.uint8(97)) < 26) | (raw >= 128)
    starts = kept.copy()
    starts[1:] &= ~kept[:-1]
    count = int(np.count_nonzero(kept))
    if count == 0:
        return np.zeros(0, dtype=np.uint64)
    stream = np.zeros(count + SHINGLE_BYTES, dtype=np.uint8)
    stream[:count] = raw[kept]
    positions = np.flatnonzero(starts[kept])
    eight_bytes_at = np.ndarray((count + 8,), dtype="<u8", buffer=stream, strides=(1,))
    return eight_bytes_at[positions] * _MIX[0] ^ eight_bytes_at[positions + 8] * _MIX[1]


def band_keys(text: str) -> np.ndarray:
    """The ``BANDS`` LSH keys (int64, SQLite's integer type) of ``text``; all zero
    (``NO_KEYS``) when the text is too short to have a sampled shingle."""
    hashes = shingle_hashes(text)
    sample = hashes[(hashes & SAMPLE_MASK) == 0]
    if sample.size == 0:
        return NO_KEYS.copy()
    top_bits = (sample >> _SHIFT).astype(np.uint32)
    permuted = np.multiply.outer(_PERM_A, top_bits)
    permuted += _PERM_B[:, None]  # in place: one pass over the NUM_PERM × shingles matrix fewer
    signature = permuted.min(axis=1)
    bands = (signature.astype(np.uint64).reshape(BANDS, ROWS) * _BAND_MIX).sum(axis=1) ^ _BAND_SALT
    return bands.view(np.int64)


def has_keys(keys: np.ndarray) -> bool:
    """Whether ``keys`` came from a text with a signature (not ``NO_KEYS``)."""
    return bool(keys.any())


def resemblance(first: str, second: str) -> float:
    """The Jaccard resemblance of the two texts' shingle sets (1.0 for two empty sets)."""
    return jaccard(shingle_set(first), shingle_set(second))


def shingle_set(text: str) -> np.ndarray:
    """The distinct shingle hashes of ``text``, sorted: computed once for a text that is
    compared with several others."""
    hashes = np.sort(shingle_hashes(text))
    # Not np.unique: since NumPy 2.3 it hashes, several times slower on a text's
    # shingles than sorting, and at a million stored articles a new one is confirmed
    # against several candidates, which made this the main process's largest cost.
    if hashes.size > 1:
        hashes = hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]
    return hashes


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """|A ∩ B| / |A ∪ B| of two ``shingle_set``s (1.0 when both are empty)."""
    shared = np.intersect1d(first, second, assume_unique=True).size
    union = first.size + second.size - shared
    return shared / union if union else 1.0
