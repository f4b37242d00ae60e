"""Benchmark of ingest at scale and of timeline queries over big stores (issue 8).

    .venv/bin/python bench/bench_scale.py [--sizes 10000 100000 1000000] [--workers 2]
                                          [--idle-passes 1500 1700]
                                          [--work bench/results/scale.tmp] [--keep]

1. **Stages** (one process, CPU time per article on all of Timeline17): reading and ids,
   sentence splitting, temporal tagging, duplicate keys, the columnar batch, the store
   write (SQL, FTS5 index, duplicate lookups).
2. **Ingest**: ``dateline ingest`` (``--workers`` processes) into a new store, on
   Timeline17 itself and on the first N articles of a synthetic corpus made of re-dated,
   recombined Timeline17 sentences (``bench/synthetic.py``, generated once for the largest
   N). Reported: articles/s by wall clock and by CPU time (all processes; on a machine
   shared with other work the wall clock also measures the others), peak RSS of the main
   process and of the whole process tree (sampled every 0.2 s), store size, near-duplicates
   found.
3. **Timeline latency** on each store: ``dateline timeline QUERY`` as a user runs it (a
   new process, imports included, the default cap of 1,000 articles) with the store cold
   (its pages evicted from the OS cache, as after a reboot) and then warm; in one
   process, split into retrieval, loading the articles, and the method, capped to
   ``--cap`` articles, cold then warm, and, on stores of at most ``--uncapped-up-to``
   articles, uncapped.
4. **After idle spells** (``--idle-passes S ...``): once every store is made, for each S,
   nothing runs for S seconds, then the timelines of step 3 are measured again on every
   store (``timelines_after_idle``): a store that sat idle may have left the host's disk
   cache too, which eviction from this machine's cache cannot reproduce.

Every figure in the results comes from this one run. Writes ``bench/results/scale.json``
and prints a Markdown table. Stores and the corpus live under ``--work`` (ignored by git)
and are deleted at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run_metadata import run_metadata, write_results  # noqa: E402
from synthetic import SHARD_SIZE, default_t17, generate, load_sources, write_shards  # noqa: E402

from dateline.ingest import read_articles  # noqa: E402
from dateline.model import Article  # noqa: E402
from dateline.nlp.analyze import analysis_rows  # noqa: E402
from dateline.nlp.batch import from_rows  # noqa: E402
from dateline.nlp.sentences import sentence_bounds  # noqa: E402
from dateline.operations import DEFAULT_METHOD  # noqa: E402
from dateline.retrieve import find_articles  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.temporal import tag  # noqa: E402
from dateline.text.dedup import band_keys  # noqa: E402
from dateline.timeline import TimelineRequest, get_method  # noqa: E402
from dateline.timeline.corpus import build_corpus  # noqa: E402

RESULTS = BENCH / "results"
DATELINE = [sys.executable, "-c", "from dateline.cli.app import main; main()"]
QUERIES = ("Gaddafi", "oil spill", "Michael Jackson")
SAMPLE_SECONDS = 0.2
SEED = 17
RESULT_KEYS = {
    "scale.json": {
        "": (
            "metadata",
            "sizes",
            "workers",
            "batch_size",
            "cap",
            "uncapped_up_to",
            "cli_timeout_s",
            "idle_passes_s",
            "cli_import_s",
            "stages_ms_per_article_t17",
            "runs",
        ),
        "runs.*": ("ingest", "timelines", "timelines_after_idle"),
    }
}


@dataclass
class TreeMemory:
    """Peak memory of a process and its children, sampled in a thread."""

    pid: int
    main_peak: int = 0
    tree_peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                main = root.memory_info().rss
                total = main + sum(child.memory_info().rss for child in root.children(recursive=True))
            except psutil.NoSuchProcess:
                break
            self.main_peak, self.tree_peak = max(self.main_peak, main), max(self.tree_peak, total)
            time.sleep(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def stage_costs(t17: Path) -> dict[str, float]:
    """CPU milliseconds per article of each ingest stage, in one process, on Timeline17."""
    clock = time.process_time
    started = clock()
    articles = [item for item in read_articles([t17]) if isinstance(item, Article)]
    costs = {"read and id": clock() - started}
    for name, work in (
        ("split sentences", lambda a: sentence_bounds(a.text, a.lines_are_sentences)),
        ("tag time expressions", lambda a: list(tag(a.text, a.published))),
        ("duplicate keys", lambda a: band_keys(a.text)),
    ):
        started = clock()
        for article in articles:
            work(article)
        costs[name] = clock() - started
    # What an ingest worker does (``analyze_articles``), in its two steps.
    started = clock()
    analyzed = [analysis_rows(article) for article in articles]
    costs["analyze (split + tag + mentions)"] = clock() - started
    started = clock()
    batches = [
        from_rows(analyzed[i : i + 256], [a.text for a in articles[i : i + 256]]) for i in range(0, len(analyzed), 256)
    ]
    costs["columnar batch (incl. duplicate keys)"] = clock() - started
    work_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"stage-costs-{os.getpid()}.db"
    with Store.open(work_dir) as store:
        started = clock()
        for number, batch in enumerate(batches):
            store.add_batch(articles[number * 256 : (number + 1) * 256], batch)
        costs["store write (SQL, FTS5, duplicates)"] = clock() - started
    remove_store(work_dir)
    return {"articles": len(articles)} | {
        name: round(seconds / len(articles) * 1000, 3) for name, seconds in costs.items()
    }


def ingest_run(paths: list[Path], db: Path, workers: int, batch_size: int) -> dict[str, float]:
    """``dateline ingest`` into a new store ``db``: speed, memory, size, duplicates."""
    remove_store(db)
    command = [
        *DATELINE,
        "ingest",
        *map(str, paths),
        "--db",
        str(db),
        "--quiet",
        "--workers",
        str(workers),
        "--batch-size",
        str(batch_size),
    ]
    # Flush what earlier steps wrote (the synthetic corpus: gigabytes; a previous store):
    # the kernel's writeback of it would otherwise share the 2 cores with this run and
    # bill it for another step's work (without this, the Timeline17 run right after the
    # corpus was written took 10.7 s of CPU instead of 7.7 s).
    os.sync()
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    before = psutil.Process().cpu_times()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    stdout, stderr = process.communicate()
    wall = time.monotonic() - started
    memory.stop()
    after = psutil.Process().cpu_times()
    if process.returncode not in (0, 3):
        raise RuntimeError(f"ingest failed ({process.returncode}): {stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies = connection.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    return {
        "articles": stored,
        "near_duplicates": copies,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(stored / wall, 1),
        "articles_per_cpu_s_x_cores": round(stored / cpu * workers, 1),
        "peak_rss_main_mib": round(memory.main_peak / 2**20),
        "peak_rss_tree_mib": round(memory.tree_peak / 2**20),
        "store_mib": round(db.stat().st_size / 2**20),
        "page_size": page_size,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "output": stdout.strip(),
    }


def evict_from_page_cache(db: Path) -> int:
    """Drop the store's pages from the operating system's cache (after writing back what
    is dirty), so the next query reads them from the disk, as after a reboot or a long
    idle time; ``posix_fadvise`` needs no privileges, and leaves Python's own files and
    every other file cached. Returns by how many MiB the page cache shrank, the proof that
    it worked (on tmpfs it would not)."""
    os.sync()
    before = cached_mib()
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db}{suffix}")
        if path.exists():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    return before - cached_mib()


def cached_mib() -> int:
    """The page cache's size (``Cached`` in /proc/meminfo), in MiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("Cached:"):
            return int(line.split()[1]) // 1024
    return 0


def cli_timeline(db: Path, query: str, timeout: float) -> dict[str, float | None]:
    """One ``dateline timeline QUERY`` process (the default cap of 1,000 articles):
    seconds (None when stopped after ``timeout``), CPU seconds, peak RSS."""
    started = time.monotonic()
    before = psutil.Process().cpu_times()
    process = subprocess.Popen(
        [*DATELINE, "timeline", query, "--db", str(db), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    memory = TreeMemory(process.pid)
    try:
        _, stderr = process.communicate(timeout=timeout)
        seconds: float | None = round(time.monotonic() - started, 2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        seconds, stderr = None, ""
    memory.stop()
    after = psutil.Process().cpu_times()
    if seconds is not None and process.returncode != 0:
        raise RuntimeError(f"timeline failed: {stderr[-2000:]}")
    return {
        "s": seconds,
        "cpu_s": round(after.children_user - before.children_user + after.children_system - before.children_system, 2),
        "peak_rss_mib": round(memory.main_peak / 2**20),
    }


def in_process_timeline(db: Path, query: str, limit: int | None) -> dict[str, float]:
    """One timeline in this process (a new ``Store``), split into retrieve, load and
    method, with retrieval limited to ``limit`` articles (None: every match)."""
    method = get_method(DEFAULT_METHOD)
    request = TimelineRequest(query, 10, 2, frozenset({"day", "month", "year"}), None, None)
    clock, cpu = time.monotonic(), time.process_time()
    with Store.open(db, create=False) as store:
        before = read_calls()
        retrieval = find_articles(store, query, limit=limit)
        retrieved, after_retrieval = time.monotonic(), read_calls()
        corpus = build_corpus(store.analyzed_articles(retrieval.rowids))
        loaded, after_load = time.monotonic(), read_calls()
        method.build(corpus, request)
        done = time.monotonic()
    return {
        "articles": len(retrieval.rowids),
        "retrieve_s": round(retrieved - clock, 3),
        "load_s": round(loaded - retrieved, 3),
        "method_s": round(done - loaded, 3),
        "total_s": round(done - clock, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "retrieve_reads": after_retrieval - before,
        "load_reads": after_load - after_retrieval,
    }


def read_calls() -> int:
    """Read system calls made so far by this process, all threads (``syscr`` of
    /proc/self/io); during a timeline nearly all are SQLite fetching one page each. They
    count calls, not disk reads (the page cache serves warm ones), but once a store is in
    no cache each is a disk read unless read-ahead brought its page in: on a virtual
    machine's disk that its host no longer caches, a few milliseconds each, so their
    number, more than their size, is what a cold timeline waits for."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("syscr:"):
            return int(line.split()[1])
    return 0


def timeline_latency(db: Path, query: str, cap: int, uncapped: bool, cli_timeout: float) -> dict[str, float | None]:
    """Seconds for one timeline of ``query``: the CLI (a new process) with the store cold
    (its pages evicted from the OS cache), then again warm; in this process, capped to
    ``cap`` articles, cold then warm; and (when ``uncapped``) not capped, as the CLI does
    with ``--max-articles 0``."""
    result: dict[str, float | None] = {"cli_timeout_s": cli_timeout}
    for label in ("cold", "warm"):
        if label == "cold":
            result["cli_cold_evicted_mib"] = evict_from_page_cache(db)
        result |= {f"cli_{label}_{key}": value for key, value in cli_timeline(db, query, cli_timeout).items()}
    for label in ("cold", "warm"):
        if label == "cold":
            result[f"cap{cap}_cold_evicted_mib"] = evict_from_page_cache(db)
        result |= {f"cap{cap}_{label}_{key}": value for key, value in in_process_timeline(db, query, cap).items()}
    if uncapped:
        result |= {f"uncapped_{key}": value for key, value in in_process_timeline(db, query, None).items()}
    return result


def cli_import_seconds() -> float:
    """What every ``dateline`` command pays before its work: starting Python and importing
    the CLI (best of three)."""
    runs = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([*DATELINE, "--help"], capture_output=True, check=True)
        runs.append(time.monotonic() - started)
    return round(min(runs), 2)


def corpus_shards(work: Path, articles: int, t17: Path) -> list[Path]:
    """The shards of the synthetic corpus of at least ``articles`` articles (made once)."""
    corpus = work / "corpus"
    manifest = corpus / "manifest.json"
    if manifest.exists():
        made = json.loads(manifest.read_text())
        if made["seed"] == SEED and made["articles"] >= articles:
            return [corpus / name for name in made["shards"]]
    shutil.rmtree(corpus, ignore_errors=True)
    shards = write_shards(generate(load_sources(t17), articles, SEED), corpus)
    manifest.write_text(json.dumps({"seed": SEED, "articles": articles, "shards": [shard.name for shard in shards]}))
    return shards


def table(results: dict) -> str:
    cap = results["cap"]
    lines = [
        "| corpus | articles | ingest articles/s (wall) | articles/CPU-s × cores | peak RSS main / all "
        "processes | store | near-duplicates | `dateline timeline` (CLI), cold / warm store "
        f"| in process, capped to {cap}, cold / warm | in process, uncapped |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def slowest(timelines: dict, key: str) -> str:
        runs = [t.get(key, float("nan")) for t in timelines.values()]
        if None in runs:
            return f"> {max(t['cli_timeout_s'] for t in timelines.values()):.0f} s"
        return f"{max(runs):.2f} s"

    for name, run in results["runs"].items():
        ingest, timelines = run["ingest"], run["timelines"]
        lines.append(
            f"| {name} | {ingest['articles']:,} | {ingest['articles_per_s']:,.0f} | "
            f"{ingest['articles_per_cpu_s_x_cores']:,.0f} | {ingest['peak_rss_main_mib']:,} / "
            f"{ingest['peak_rss_tree_mib']:,} MiB | {ingest['store_mib']:,} MiB | "
            f"{ingest['near_duplicates']:,} | {slowest(timelines, 'cli_cold_s')} / "
            f"{slowest(timelines, 'cli_warm_s')} | {slowest(timelines, f'cap{cap}_cold_total_s')} / "
            f"{slowest(timelines, f'cap{cap}_warm_total_s')} | {slowest(timelines, 'uncapped_total_s')} |"
        )
    return "\n".join(lines)


def store_path(work: Path, name: str) -> Path:
    return work / f"{name.replace(' ', '-').replace(',', '')}.db"


def measure_timelines(db: Path, articles: int, args: argparse.Namespace) -> dict[str, dict]:
    """Every query's timeline latency on the store ``db`` of ``articles`` articles."""
    uncapped = articles <= args.uncapped_up_to
    return {query: timeline_latency(db, query, args.cap, uncapped, args.cli_timeout) for query in QUERIES}


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--cap", type=int, default=1000)
    parser.add_argument(
        "--uncapped-up-to",
        type=int,
        default=100_000,
        help="measure uncapped in-process timelines on stores this big at most (the CLI, uncapped, is always measured)",
    )
    parser.add_argument(
        "--cli-timeout", type=float, default=120.0, help="stop a `dateline timeline` run after this many seconds"
    )
    parser.add_argument("--work", type=Path, default=RESULTS / "scale.tmp")
    parser.add_argument("--t17", type=Path, default=default_t17())
    parser.add_argument("--output", type=Path, default=RESULTS / "scale.json")
    parser.add_argument(
        "--idle-passes",
        type=float,
        nargs="*",
        default=[],
        metavar="SECONDS",
        help="after every store is made, for each value: wait that long, then "
        "measure the timelines again on every store",
    )
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the stores")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "metadata": run_metadata(),
        "sizes": sorted(args.sizes),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "cap": args.cap,
        "uncapped_up_to": args.uncapped_up_to,
        "cli_timeout_s": args.cli_timeout,
        "idle_passes_s": args.idle_passes,
        "cli_import_s": cli_import_seconds(),
        "stages_ms_per_article_t17": stage_costs(args.t17),
        "runs": {},
    }
    print(json.dumps(results["stages_ms_per_article_t17"]), file=sys.stderr)
    shards = corpus_shards(args.work, max(args.sizes), args.t17)
    inputs = {"Timeline17": [args.t17]} | {
        f"synthetic {size:,}": shards[: -(-size // SHARD_SIZE)] for size in sorted(args.sizes)
    }
    stores = {}
    for name, paths in inputs.items():
        db = stores[name] = store_path(args.work, name)
        run = {"ingest": ingest_run(paths, db, args.workers, args.batch_size)}
        run["timelines"] = measure_timelines(db, run["ingest"]["articles"], args)
        results["runs"][name] = run
        print(json.dumps({name: run}), file=sys.stderr)
        write_results(args.output, results, RESULT_KEYS["scale.json"])
        if not args.keep and not args.idle_passes:
            remove_store(db)
    for seconds in args.idle_passes:
        time.sleep(seconds)
        for name, db in stores.items():
            run = results["runs"][name]
            run.setdefault("timelines_after_idle", []).append(
                {"idle_s": seconds, "timelines": measure_timelines(db, run["ingest"]["articles"], args)}
            )
            print(json.dumps({name: run["timelines_after_idle"][-1]}), file=sys.stderr)
            write_results(args.output, results, RESULT_KEYS["scale.json"])
    if not args.keep:
        for db in stores.values():
            remove_store(db)
        shutil.rmtree(args.work / "corpus", ignore_errors=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
