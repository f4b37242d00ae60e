"""Stories without a query (``dateline stories``), measured against known topics.

    .venv/bin/python bench/bench_stories.py [--work /tmp/stories-bench] [--data ../shared/data]
                                            [--synthetic 20000]

Each dataset is ingested whole into one fresh store (Timeline17: 9 topics in 17 folders;
Entities: 13 people), so its topics share the store as stories in a real archive do.
``dateline stories`` then runs twice as a whole CLI process: the first run assigns every
article to a story (once; the store keeps the assignments), the second only lists. The
stories are scored against the topic folders:

* purity of a story: the share of its articles from its commonest topic;
* for each topic, its best story: the one holding most of its articles among those at
  least ``PURITY_TARGET`` pure; coverage is the share of the topic's articles it holds.
  The target (issue 23): every topic has a story >= 60% pure holding >= 30% of it.

The incremental case: the Entities articles of ``INCREMENT_TOPIC`` are added to the
Timeline17 store after its stories exist, and the update that assigns them is timed,
with a check that no earlier article moved. With ``--synthetic N``, a store of N
synthetic articles (``bench/synthetic.py``: recombined Timeline17 sentences) times the
first run and a default listing (the 20 largest stories) at that size, then the update
after an ingest of ``SYNTHETIC_ADDED`` more (another seed, the same period). With
``--shards N``, Timeline17 is also ingested into a folder of N shards, whose ``dateline
stories`` runs twice as well (first run, listing); its stories are compared with the one
store's (the whole JSON, so ids, labels, articles, dates and counts) and scored the same
way (docs/sharding.md, "Stories"). Writes
bench/results/stories.json; the million-article run is kept beside it as
bench/results/stories_1m.json (``--synthetic 1000000 --output
bench/results/stories_1m.json``), since it takes an hour on two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path

from run_metadata import ROOT, run_metadata, write_results

SYNTHETIC_ADDED = 1000
RESULT_KEYS = {
    "stories*.json": {
        "": ("metadata", "parameters", "target", "datasets", "sharded", "incremental", "synthetic"),
        "datasets.*": (
            "articles",
            "topics",
            "stories",
            "stories_of_2_or_more",
            "weighted_purity",
            "topics_meeting_target",
            "mean_query_topic_share",
            "ingest_seconds",
            "first_run_seconds",
            "list_seconds",
            "per_topic",
        ),
        "sharded": (
            "dataset",
            "shards",
            "articles",
            "stories",
            "same_stories_as_one_store",
            "weighted_purity",
            "ingest_seconds",
            "first_run_seconds",
            "list_seconds",
        ),
        "incremental": (
            "store_articles",
            "added_articles",
            "update_seconds",
            "earlier_articles_moved",
            "added_topic_best_coverage",
            "added_topic_best_purity",
        ),
        "synthetic": (
            "articles",
            "stories",
            "ingest_seconds",
            "first_run_seconds",
            "first_run_articles_per_s",
            "list_seconds",
            "added_articles",
            "update_seconds",
        ),
    }
}
PURITY_TARGET = 0.6
COVERAGE_TARGET = 0.3
DATASETS = {"t17": lambda collection: collection.split("_")[0], "entities": lambda collection: collection}
INCREMENT_TOPIC = "Lance_Armstrong"
DATELINE = str(Path(sys.executable).parent / "dateline")
PARTIAL = 3  # dateline ingest: done, some inputs skipped (Timeline17 has 25 empty files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/stories-bench"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--synthetic", type=int, default=0, metavar="N", help="Also time a store of N synthetic articles (0: not)."
    )
    parser.add_argument(
        "--shards", type=int, default=0, metavar="N", help="Also time Timeline17 in a folder of N shards (0: not)."
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "stories.json")
    args = parser.parse_args()
    metadata = run_metadata()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    from dateline.stories import clustering, terms

    report: dict[str, object] = {
        "metadata": metadata,
        "parameters": {
            "threshold": clustering.THRESHOLD,
            "merge_threshold": clustering.MERGE_THRESHOLD,
            "window_days": clustering.WINDOW_DAYS,
            "centroid_terms": clustering.CENTROID_TERMS,
            "article_terms": terms.ARTICLE_TERMS,
            "lead_chars": terms.LEAD_CHARS,
        },
        "target": {"purity": PURITY_TARGET, "coverage": COVERAGE_TARGET},
        "datasets": {},
    }
    for name, topic_of in DATASETS.items():
        report["datasets"][name] = measure(args.data / name, args.work / f"{name}.db", topic_of)
    if args.shards:
        report["sharded"] = sharded(args.data / "t17", args.work / "t17.db", args.shards, DATASETS["t17"])
    report["incremental"] = incremental(args.work / "t17.db", args.data / "entities" / INCREMENT_TOPIC)
    if args.synthetic:
        report["synthetic"] = synthetic(args.synthetic, args.work, args.data / "t17")
    write_results(args.output, report, RESULT_KEYS["stories*.json"])
    print_table(report)


def measure(folder: Path, db: Path, topic_of: object) -> dict[str, object]:
    ingest_seconds = timed([DATELINE, "ingest", str(folder), "--db", str(db), "--quiet"])[0]
    first_seconds, _ = timed(stories_command(db))
    list_seconds, output = timed(stories_command(db))
    stories = json.loads(output)["stories"]
    topics = topics_of(db, topic_of)
    scores = score(stories, topics)
    scores["mean_query_topic_share"] = query_shares(db, scores["per_topic"], topics)
    return {
        "articles": len(topics),
        "topics": len(set(topics.values())),
        "stories": len(stories),
        "stories_of_2_or_more": sum(story["articles"] >= 2 for story in stories),
        **scores,
        "ingest_seconds": round(ingest_seconds, 1),
        "first_run_seconds": round(first_seconds, 2),
        "list_seconds": round(list_seconds, 2),
    }


def sharded(folder: Path, one: Path, shards: int, topic_of: object) -> dict[str, object]:
    """The dataset in a folder of ``shards`` shards beside the one store ``one``: its
    stories timed as ``measure`` times them, and compared with the one store's."""
    db = one.with_name(f"{one.stem}-{shards}-shards")
    command = [DATELINE, "ingest", str(folder), "--db", str(db), "--shards", str(shards), "--quiet"]
    ingest_seconds = timed(command)[0]
    first_seconds, _ = timed(stories_command(db))
    list_seconds, output = timed(stories_command(db))
    stories = json.loads(output)["stories"]
    return {
        "dataset": folder.name,
        "shards": shards,
        "articles": sum(story["articles"] for story in stories),
        "stories": len(stories),
        "same_stories_as_one_store": stories == json.loads(timed(stories_command(one))[1])["stories"],
        "weighted_purity": score(stories, topics_of(one, topic_of))["weighted_purity"],
        "ingest_seconds": round(ingest_seconds, 1),
        "first_run_seconds": round(first_seconds, 2),
        "list_seconds": round(list_seconds, 2),
    }


def stories_command(db: Path) -> list[str]:
    return [DATELINE, "stories", "--db", str(db), "--format", "json", "--limit", "0", "--min-articles", "1"]


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode not in (0, PARTIAL):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return time.perf_counter() - start, result.stdout


def topics_of(db: Path, topic_of: object) -> dict[str, str]:
    """Article id -> its topic (from its collection, the folder it was ingested from)."""
    with closing(sqlite3.connect(db)) as connection:
        return {
            article_id: topic_of(collection)  # type: ignore[operator]
            for article_id, collection in connection.execute("SELECT id, collection FROM articles")
        }


def score(stories: list[dict], topics: dict[str, str]) -> dict[str, object]:
    """Weighted purity, and each topic's best story (see the module docstring)."""
    sizes = Counter(topics.values())
    best: dict[str, dict[str, object]] = {
        topic: {"coverage": 0.0, "purity": 0.0, "story": None, "story_articles": 0} for topic in sizes
    }
    majority = 0
    for story in stories:
        counts = Counter(topics[article] for article in story["article_ids"])
        majority += counts.most_common(1)[0][1]
        for topic, count in counts.items():
            purity, coverage = count / story["articles"], count / sizes[topic]
            if purity >= PURITY_TARGET and coverage > best[topic]["coverage"]:
                best[topic] = {
                    "coverage": round(coverage, 3),
                    "purity": round(purity, 3),
                    "story": story["label"],
                    "story_articles": story["articles"],
                    "query": story["query"],
                    "first": story["first"],
                    "last": story["last"],
                }
    for topic, found in best.items():
        found["articles"] = sizes[topic]
        found["meets_target"] = found["coverage"] >= COVERAGE_TARGET
    return {
        "weighted_purity": round(majority / max(sum(sizes.values()), 1), 3),
        "topics_meeting_target": sum(found["meets_target"] for found in best.values()),
        "per_topic": dict(sorted(best.items())),
    }


def query_shares(db: Path, best: dict[str, dict], topics: dict[str, str]) -> float:
    """For each topic's best story, the share of the articles its query retrieves within
    its dates (what its timeline is built from: the web page's story link) that are of
    the topic; stored per topic, and their mean returned."""
    from dateline.operations import DEFAULT_MAX_ARTICLES
    from dateline.retrieve import find_articles
    from dateline.store import Store

    shares = []
    with Store.open(db, create=False) as store:
        for topic, found in best.items():
            if not found.get("query"):
                continue
            rowids = find_articles(
                store,
                found["query"],
                dt.date.fromisoformat(found["first"]),
                dt.date.fromisoformat(found["last"]),
                limit=DEFAULT_MAX_ARTICLES,
            ).rowids
            ids = [summary.id for summary in store.summaries(rowids)]
            found["query_topic_share"] = round(sum(topics[i] == topic for i in ids) / max(len(ids), 1), 3)
            shares.append(found["query_topic_share"])
    return round(sum(shares) / max(len(shares), 1), 3)


def incremental(db: Path, folder: Path) -> dict[str, object]:
    """Add one Entities topic to the Timeline17 store with its stories, and time the update."""
    from dateline.store import Store
    from dateline.stories import update_stories

    before = assignments(db)
    timed([DATELINE, "ingest", str(folder), "--db", str(db), "--quiet"])
    with Store.open(db) as store:
        start = time.perf_counter()
        added = update_stories(store)
        seconds = time.perf_counter() - start
    after = assignments(db)
    by_story: dict[int, list[str]] = defaultdict(list)
    for article, story in after.items():
        by_story[story].append(article)
    new = set(after) - set(before)
    best = max(by_story.values(), key=lambda members: len(new.intersection(members)))
    return {
        "store_articles": len(before),
        "added_articles": added,
        "update_seconds": round(seconds, 2),
        "earlier_articles_moved": sum(after[article] != story for article, story in before.items()),
        "added_topic_best_coverage": round(len(new.intersection(best)) / max(len(new), 1), 3),
        "added_topic_best_purity": round(len(new.intersection(best)) / len(best), 3),
    }


def synthetic(articles: int, work: Path, t17: Path) -> dict[str, object]:
    corpus, added = work / "synthetic", work / "synthetic-added"
    for out, count, seed in ((corpus, articles, "17"), (added, SYNTHETIC_ADDED, "18")):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "synthetic.py"),
                "--articles",
                str(count),
                "--out",
                str(out),
                "--t17",
                str(t17),
                "--seed",
                seed,
            ],
            check=True,
            capture_output=True,
        )
    db = work / "synthetic.db"
    ingest_seconds = timed([DATELINE, "ingest", str(corpus), "--db", str(db), "--quiet"])[0]
    first_seconds = timed(stories_command(db))[0]
    list_seconds, output = timed([DATELINE, "stories", "--db", str(db), "--format", "json"])
    with closing(sqlite3.connect(db)) as connection:
        stored, stories = connection.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)"
        ).fetchone()
    timed([DATELINE, "ingest", str(added), "--db", str(db), "--quiet"])
    update_seconds = timed(stories_command(db))[0]
    with closing(sqlite3.connect(db)) as connection:
        now = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {
        "articles": stored,
        "stories": stories,
        "ingest_seconds": round(ingest_seconds, 1),
        "first_run_seconds": round(first_seconds, 1),
        "first_run_articles_per_s": round(stored / first_seconds),
        "list_seconds": round(list_seconds, 2),
        "added_articles": now - stored,
        "update_seconds": round(update_seconds, 2),
    }


def assignments(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as connection:
        return dict(
            connection.execute("SELECT a.id, s.story FROM story_articles s JOIN articles a ON a.rowid = s.article")
        )


def print_table(report: dict) -> None:
    for name, dataset in report["datasets"].items():
        print(
            f"\n{name}: {dataset['articles']} articles, {dataset['topics']} topics, {dataset['stories']} "
            f"stories ({dataset['stories_of_2_or_more']} of 2+), weighted purity {dataset['weighted_purity']}, "
            f"{dataset['topics_meeting_target']}/{dataset['topics']} topics meet the target; first run "
            f"{dataset['first_run_seconds']} s, listing {dataset['list_seconds']} s"
        )
        print(f"  {'topic':<26}{'articles':>9}{'coverage':>10}{'purity':>8}  best story")
        for topic, found in dataset["per_topic"].items():
            print(
                f"  {topic:<26}{found['articles']:>9}{found['coverage']:>10.2f}{found['purity']:>8.2f}  "
                f"{found['story']}"
            )
    if "sharded" in report:
        folder = report["sharded"]
        print(
            f"\n{folder['dataset']} in {folder['shards']} shards: the same stories as one store: "
            f"{folder['same_stories_as_one_store']}; weighted purity {folder['weighted_purity']}; first run "
            f"{folder['first_run_seconds']} s, listing {folder['list_seconds']} s"
        )
    step = report["incremental"]
    print(
        f"\nincremental: {step['added_articles']} articles added to a store of {step['store_articles']}: "
        f"{step['update_seconds']} s; {step['earlier_articles_moved']} earlier articles moved"
    )
    if "synthetic" in report:
        scale = report["synthetic"]
        print(
            f"synthetic: {scale['articles']} articles, {scale['stories']} stories; first run "
            f"{scale['first_run_seconds']} s ({scale['first_run_articles_per_s']} articles/s), "
            f"listing the 20 largest {scale['list_seconds']} s; {scale['added_articles']} more articles "
            f"assigned in {scale['update_seconds']} s"
        )


if __name__ == "__main__":
    main()
