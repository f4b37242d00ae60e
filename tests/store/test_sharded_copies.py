"""A folder of shards links each near-duplicate copy to the original one store holding
the same articles links it to (``dateline.shards.copies``), where a shard choosing among
its own articles would not: a copy resembling originals stored in two shards, one whose
best candidates are spread over the shards (one store confirms only the
``MAX_CONFIRMATIONS`` sharing the most band keys of all), one whose candidates one store
cuts off altogether, and one whose keys are held by more than ``MAX_HOLDERS_PER_KEY``
articles over the shards.

The band keys are set by hand, as in ``test_duplicate_candidates.py``, so that which
articles are candidates does not depend on MinHash; the texts decide the resemblance."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from test_duplicate_candidates import ORIGINAL, unrelated

from dateline.ingest.ids import article_id
from dateline.model import Article, BatchAnalysis
from dateline.nlp.analyze import analyze
from dateline.nlp.batch import from_analyzed
from dateline.shards import ShardedStore
from dateline.shards.manifest import new_manifest
from dateline.store import Store
from dateline.store.duplicates import MAX_CONFIRMATIONS, MAX_HOLDERS_PER_KEY
from dateline.text.dedup import BANDS, THRESHOLD, resemblance

SHARDS = 4
FAR = "By Ann Saphir\n" + ORIGINAL
NEAR = ORIGINAL + " (Editing by Ed Osmond)"
COPY = ORIGINAL + " (Editing by Ed Osmond and Chizu Nomiyama)"
MARCH, APRIL = dt.date(2024, 3, 5), dt.date(2024, 4, 5)
ALL_KEYS = list(range(1, BANDS + 1))

Spec = tuple[str, str, dt.date, list[int]]
"""An article: its name, text, publication date and the band keys it shares with others."""


def decoys(count: int, keys: list[list[int]]) -> list[Spec]:
    """``count`` articles of April resembling nothing, each holding its ``keys``."""
    return [(f"decoy{number}", unrelated(number), APRIL, keys[number]) for number in range(count)]


# Each scenario: the stored articles, then the copy, and what one store links it to.
SCENARIOS: dict[str, tuple[list[Spec], Spec, str | None]] = {
    # FAR (March) shares more keys with the copy than NEAR (April) does, but resembles it
    # less; the copy is at home in FAR's shard, which once linked it to FAR.
    "originals in two shards": (
        [("far", FAR, MARCH, ALL_KEYS[:12]), ("near", NEAR, APRIL, ALL_KEYS[12:])],
        ("copy", COPY, MARCH, ALL_KEYS),
        "near",
    ),
    # Seven April decoys share two keys each; FAR and NEAR (March) one each: one store
    # confirms the decoys and FAR (the earlier of equals), never NEAR; FAR's shard ranks
    # only FAR and NEAR, and once took NEAR.
    "top candidates over the shards": (
        [
            *decoys(MAX_CONFIRMATIONS - 1, [ALL_KEYS[2 * n : 2 * n + 2] for n in range(MAX_CONFIRMATIONS - 1)]),
            ("far", FAR, MARCH, [15]),
            ("near", NEAR, MARCH, [16]),
        ],
        ("copy", COPY, APRIL, ALL_KEYS),
        "far",
    ),
    # Eight April decoys share two keys each, NEAR (March) one: one store confirms the
    # decoys only and stores the copy as a story of its own.
    "no candidate confirmed by one store": (
        [
            *decoys(MAX_CONFIRMATIONS, [ALL_KEYS[2 * n : 2 * n + 2] for n in range(MAX_CONFIRMATIONS)]),
            ("near", NEAR, MARCH, [16]),
        ],
        ("copy", COPY, APRIL, ALL_KEYS),
        None,
    ),
    # Four April decoys hold fifteen of the copy's keys, and so does NEAR (March), stored
    # after them: one store keeps the earliest four holders of a key, so its candidates
    # are the decoys and FAR (holding the sixteenth), never NEAR.
    "earliest holders of a key over the shards": (
        [
            *decoys(MAX_HOLDERS_PER_KEY, [ALL_KEYS[:15]] * MAX_HOLDERS_PER_KEY),
            ("near", NEAR, MARCH, ALL_KEYS[:15]),
            ("far", FAR, MARCH, [16]),
        ],
        ("copy", COPY, APRIL, ALL_KEYS),
        "far",
    ),
}


def batch(specs: list[Spec], first_number: int) -> tuple[list[Article], BatchAnalysis]:
    """The articles of ``specs`` analysed, with their band keys set: the shared ones, then
    keys of their own (from ``first_number`` on, one number per article)."""
    articles, analysis = from_analyzed(
        [analyze(Article(article_id(day, text), day, text, title=name)) for name, text, day, _ in specs]
    )
    keys = [
        shared + [1000 * (first_number + number) + band for band in range(BANDS - len(shared))]
        for number, (_, _, _, shared) in enumerate(specs)
    ]
    return articles, dataclasses.replace(analysis, band_keys=np.array(keys, dtype=np.int64))


def links(paths: list[Path]) -> dict[str, str]:
    """Each copy's title → its original's, over the store files ``paths`` (a link is
    always within one file)."""
    found: dict[str, str] = {}
    for path in paths:
        with Store.open(path, create=False) as store, store.snapshot() as db:
            found.update(
                db.execute("SELECT a.title, o.title FROM articles a JOIN articles o ON o.rowid = a.duplicate_of")
            )
    return found


def test_the_scenarios_put_march_and_april_in_two_shards_and_resemble_as_said() -> None:
    manifest = new_manifest(SHARDS)
    assert manifest.shard_of(MARCH) != manifest.shard_of(APRIL)
    assert THRESHOLD <= resemblance(COPY, FAR) < resemblance(COPY, NEAR)
    assert all(resemblance(COPY, unrelated(seed)) < THRESHOLD for seed in range(MAX_CONFIRMATIONS))


@pytest.mark.parametrize("one_batch", [False, True], ids=["stored before", "in the same batch"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_a_folder_of_shards_links_a_copy_to_one_stores_original(tmp_path: Path, scenario: str, one_batch: bool) -> None:
    stored, copy, expected = SCENARIOS[scenario]
    batches = [[*stored, copy]] if one_batch else [stored, [copy]]
    with Store.open(tmp_path / "one.db") as one, ShardedStore.open(tmp_path / "four", shards=SHARDS) as four:
        first_number = 1
        for specs in batches:
            for store in (one, four):
                store.add_batch(*batch(specs, first_number))
            first_number += len(specs)
        shard_paths = four.shard_paths
    one_links = links([tmp_path / "one.db"])
    assert one_links == ({} if expected is None else {"copy": expected})
    assert links(shard_paths) == one_links
