"""Sending a near-duplicate copy to the shard of its original.

Routing by month keeps most copies of a story in one shard, but a story republished in
another month (Timeline17 has stories republished weeks later) would land in another
shard than its original, where its writer cannot see the original, and be stored as a
story of its own. So before a batch is routed, every shard is asked which of the batch's
articles copy one of its stored articles, by the same test its writer runs
(``dateline.store.duplicates.find_originals``), and a copy goes to its original's shard;
a copy of an earlier article of the same batch goes where that article goes. The writer
of that shard then finds the original and links the copy, as one store would.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dateline.store import Store
from dateline.store.duplicates import BandIndex, find_originals


def originals_in(
    store: Store, index: BandIndex, rowids: Sequence[int], texts: Sequence[str], keys: np.ndarray
) -> list[int | None]:
    """For each article about to get ``rowids``, the row id of the article of ``store``
    (or, above the stored ones, of the batch) it copies; ``index`` is this shard's own
    copy of its band keys, for routing, brought up to date here."""
    with store.snapshot() as db:
        return find_originals(db, index, rowids, texts, keys)


def routes(homes: Sequence[int], answers: Sequence[Sequence[int | None]], rowids: Sequence[int]) -> list[int]:
    """The shard each article goes to: its home (month) shard, unless it copies a stored
    article of another shard (and none of its home's), or an article of the batch (as its
    home shard, or else any shard, found), whose shard it then follows.
    ``answers[shard][i]``: what that shard found article ``i`` copies (row ids from
    ``rowids[0]`` on are the batch's)."""
    first_new = rowids[0] if rowids else 0
    shard_of_rowid: dict[int, int] = {}
    chosen: list[int] = []
    for position, (home, rowid) in enumerate(zip(homes, rowids, strict=True)):
        found = [shard_answers[position] for shard_answers in (answers[home], *answers)]
        stored = [shard for shard, shard_answers in enumerate(answers) if _stored(shard_answers[position], first_new)]
        in_batch = [original for original in found if original is not None and original >= first_new]
        if home in stored or not (stored or in_batch):
            target = home
        elif stored:
            target = stored[0]
        else:
            target = shard_of_rowid.get(in_batch[0], home)
        shard_of_rowid[rowid] = target
        chosen.append(target)
    return chosen


def _stored(original: int | None, first_new: int) -> bool:
    return original is not None and original < first_new
