"""Choosing a near-duplicate copy's original over all shards, as one store would.

Routing by month keeps most copies of a story in one shard, but a story republished in
another month (Timeline17 has stories republished weeks later) would land in another
shard than its original, where its writer cannot see the original. And a copy may
resemble originals stored in several shards, or have its best candidates spread over
them: a shard choosing among its own would then link another original than one store
(each shard's top ``MAX_CONFIRMATIONS`` candidates are not one store's top ones).

So the originals of a batch are chosen here, before it is routed, by the test one store
runs (``dateline.store.duplicates.choose_originals``) on what one store would see:

1. every shard gives the holders of each of the batch's band keys among its stored first
   copies, the earliest ``MAX_HOLDERS_PER_KEY`` of it (``stored_holders``); the earliest
   of all of them are those one store keeps (``merged_holders``), so the candidates and
   their counts of shared keys are one store's;
2. the texts of each article's best stored candidates are read from their shards
   (``to_read``), and the candidates are ranked, capped, confirmed and tie-broken as one
   store does, the batch's own articles included;
3. a copy goes to its original's shard (``routes``), whose writer stores it linked to
   that original (``Store.add_batch(originals=...)``) instead of choosing again among
   its own articles.

Since each copy is then linked as in one store, the shards' first copies (the articles
their band keys index) are one store's too, and so are the next batch's candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dateline.store import Store
from dateline.store.duplicates import MAX_HOLDERS_PER_KEY, BandIndex, ranked, stored_texts


def stored_holders(store: Store, index: BandIndex, keys: np.ndarray) -> dict[int, list[int]]:
    """``BandIndex.holders`` of ``keys`` in ``store``; ``index`` is this shard's own copy
    of its band keys, for routing, brought up to date here."""
    with store.snapshot() as db:
        index.refresh(db)
        return index.holders(keys)


def texts_in(store: Store, rowids: list[int]) -> dict[int, str]:
    """Row id → text of the articles of ``rowids`` (all stored in ``store``)."""
    if not rowids:
        return {}
    with store.snapshot() as db:
        return stored_texts(db, rowids)


def merged_holders(parts: Sequence[dict[int, list[int]]]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """The holders one store holding every shard's first copies would give (each key's
    earliest ``MAX_HOLDERS_PER_KEY`` of all: each is among the earliest of its own
    shard), from each shard's (``parts``, in shard order); and the shard of each holder."""
    merged: dict[int, list[int]] = {}
    shard_of: dict[int, int] = {}
    for shard, part in enumerate(parts):
        for position, held in part.items():
            merged.setdefault(position, []).extend(held)
            shard_of.update(dict.fromkeys(held, shard))
    return {position: sorted(held)[:MAX_HOLDERS_PER_KEY] for position, held in merged.items()}, shard_of


def to_read(shared: Sequence[dict[int, int]], shard_of: dict[int, int]) -> dict[int, list[int]]:
    """Shard → the stored candidates whose texts ``choose_originals`` may need: each
    article's best ranked stored ones (those of the batch added there can only push them
    out of the ranking, never bring in others)."""
    wanted = sorted({rowid for candidates in shared for rowid in ranked(candidates)})
    by_shard: dict[int, list[int]] = {}
    for rowid in wanted:
        by_shard.setdefault(shard_of[rowid], []).append(rowid)
    return by_shard


def routes(
    homes: Sequence[int], originals: Sequence[int | None], rowids: Sequence[int], shard_of: dict[int, int]
) -> list[int]:
    """The shard each article goes to: its home (month) shard, unless it copies a stored
    article (``shard_of`` gives its shard) or an earlier article of the batch, whose
    shard it then follows."""
    position_of = {rowid: position for position, rowid in enumerate(rowids)}
    chosen: list[int] = []
    for home, original in zip(homes, originals, strict=True):
        if original is None:
            chosen.append(home)
        elif original in position_of:
            chosen.append(chosen[position_of[original]])
        else:
            chosen.append(shard_of[original])
    return chosen
