"""Near-duplicate links of a sharded store against one store (docs/sharding.md).

    .venv/bin/python bench/bench_copy_links.py --work /tmp/YOURNAME-copies [--articles 20000]

The first N synthetic articles (``bench/synthetic.py``, the corpus of
``bench_shards.py``) ingested into one store and into a folder of 4 shards. Each store's
near-duplicate copies with their originals, by article id; and how many copies the
folder links to another original than one store does, finds where one store finds none,
or misses. A copy that resembles originals stored in two shards, or whose best
candidates are spread over the shards, is where a folder could differ
(``dateline.shards.copies``); all three counts are 0 when it chooses as one store does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_shards import build, work_corpus  # noqa: E402

from run_metadata import run_metadata, write_results  # noqa: E402
from synthetic import default_t17  # noqa: E402

from dateline.store import Store  # noqa: E402

RESULTS = BENCH / "results"
SHARDS = 4
RESULT_KEYS = {
    "copy_links.json": {
        "": (
            "metadata",
            "articles",
            "shards",
            "ingest_seconds",
            "copies",
            "linked_to_another_original",
            "found_by_one_store_only",
            "found_by_shards_only",
        ),
        "ingest_seconds": ("one_store", "sharded"),
        "copies": ("one_store", "sharded"),
    }
}


def copy_links(paths: list[Path]) -> dict[str, str]:
    """Each copy's article id → its original's, over the store files ``paths``."""
    links: dict[str, str] = {}
    for path in paths:
        with Store.open(path, create=False) as store, store.snapshot() as db:
            links.update(
                db.execute("SELECT a.id, o.id FROM articles a JOIN articles o ON o.rowid = a.duplicate_of").fetchall()
            )
    return links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="where the corpus and the stores are built")
    parser.add_argument("--articles", type=int, default=20_000, help="synthetic articles")
    parser.add_argument("--t17", type=Path, default=default_t17())
    parser.add_argument("--output", type=Path, default=RESULTS / "copy_links.json")
    args = parser.parse_args()
    results: dict[str, object] = {"metadata": run_metadata()}
    args.work.mkdir(parents=True, exist_ok=True)
    inputs = work_corpus(args.t17, args.work, args.articles)
    one_path, folder = args.work / "copies.db", args.work / f"copies-{SHARDS}"
    seconds = {"one_store": build(inputs, one_path, None), "sharded": build(inputs, folder, SHARDS)}
    one = copy_links([one_path])
    sharded = copy_links(sorted(folder.glob("shard-*.db")))
    linked_elsewhere = sum(sharded[copy] != original for copy, original in one.items() if copy in sharded)
    results |= {
        "articles": args.articles,
        "shards": SHARDS,
        "ingest_seconds": {name: round(value, 1) for name, value in seconds.items()},
        "copies": {"one_store": len(one), "sharded": len(sharded)},
        "linked_to_another_original": linked_elsewhere,
        "found_by_one_store_only": len(one.keys() - sharded.keys()),
        "found_by_shards_only": len(sharded.keys() - one.keys()),
    }
    print({key: value for key, value in results.items() if key != "metadata"}, file=sys.stderr)
    write_results(args.output, results, RESULT_KEYS["copy_links.json"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
