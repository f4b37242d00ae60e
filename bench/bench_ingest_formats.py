"""Ingest speed of web pages and web archives next to plain text, in one run.

    .venv/bin/python bench/bench_ingest_formats.py [--articles 3000] [--repeat 5] [--workers 2]

The same ``--articles`` news articles (generated: a few paragraphs each, with dates) are
written three ways: plain-text files (`` date YYYY-MM-DD``), HTML pages with the usual
page furniture (``tests/ingest/web_pages.py``), and one gzipped WARC of those pages. For
each format it times reading alone (the readers: extraction, dates) and a whole
``ingest`` (reading, analysis in one process, storing) into a fresh store, after a
warm-up ingest of a few articles of each format (imports, the tagger's tables), and reports
articles/s and the ratio to plain text (the issue's target: at least 0.5 for HTML and
WARC). Each format is timed ``--repeat`` times, the rounds taking the formats in turn,
and its fastest reading and fastest ingest are kept: a run of a tenth of a second is
easily slowed by other work on a shared machine, and a single slowed run of one format
would move the ratio. The ingest's CPU seconds (this process's) are reported beside
its wall-clock seconds, with their own ratio, which a busy machine moves much less.
A third ingest of each format runs as ``dateline ingest`` does, with ``--workers``
processes reading and analysing (its process pool's start is in its time, the same for
every format: give enough ``--articles`` that it does not decide the ratio).
Writes ``bench/results/ingest_formats.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH.parent / "tests" / "ingest"))

from run_metadata import run_metadata, write_results  # noqa: E402
from web_pages import news_page, warc_file  # noqa: E402

from dateline.ingest import read_articles  # noqa: E402
from dateline.ingest.job import ingest  # noqa: E402
from dateline.model import Article  # noqa: E402
from dateline.store import Store  # noqa: E402

RESULT_KEYS = {
    "ingest_formats.json": {
        "": ("metadata", "articles", "repeat", "workers", "formats", "ratio_to_text"),
    }
}
WORDS = (
    "port council bridge harbour union strike minister budget vote court ruling river "
    "school hospital railway election mayor tunnel airport contract workers"
).split()
FORMATS = ("text", "html", "warc")
WARM_UP_ARTICLES = 10


def paragraphs(rng: random.Random, published: dt.date) -> list[str]:
    """Three news-like paragraphs with a few dates relative to ``published``."""

    def sentence() -> str:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 22)))
        return words[0].upper() + words[1:] + "."

    earlier = published - dt.timedelta(days=rng.randint(2, 40))
    return [
        f"On Tuesday the {rng.choice(WORDS)} {sentence()} {sentence()}",
        f"{sentence()} It was first proposed on {earlier:%d %B %Y}. {sentence()}",
        f"{sentence()} {sentence()} A decision is due next month.",
    ]


def write_corpus(root: Path, count: int) -> dict[str, Path]:
    rng = random.Random(7)
    text_dir, html_dir = root / "text", root / "html"
    text_dir.mkdir()
    html_dir.mkdir()
    records = []
    for number in range(count):
        published = dt.date(2023, 1, 1) + dt.timedelta(days=number % 700)
        body = paragraphs(rng, published)
        (text_dir / f"{number:05}.txt").write_text(f" date {published}\n" + "\n\n".join(body) + "\n")
        page = news_page(
            f'<meta property="article:published_time" content="{published}T09:00:00+01:00">',
            body="".join(f"<p>{p}</p>" for p in body),
        )
        (html_dir / f"{number:05}.html").write_text(page, encoding="utf-8")
        records.append(
            (f"https://news.example/{number}", page.encode(), "text/html; charset=utf-8", f"{published}T12:00:00Z")
        )
    warc = root / "crawl.warc.gz"
    warc.write_bytes(warc_file(records))
    return {"text": text_dir, "html": html_dir, "warc": warc}


def measure(path: Path, store_path: Path, workers: int) -> dict[str, float]:
    """One timed reading and one timed ingest of ``path``: wall-clock seconds, and for the
    ingest also this process's CPU seconds (with one analysis process the whole ingest
    runs here, so they count its work whatever else the machine is doing); then one timed
    ingest as ``dateline ingest`` runs it, with ``workers`` processes reading (pages, and
    the pages captured in a web archive, are extracted there) and analysing."""
    start = time.perf_counter()
    read = sum(isinstance(item, Article) for item in read_articles([path]))
    read_seconds = time.perf_counter() - start
    start, start_cpu = time.perf_counter(), time.process_time()
    with Store.open(store_path) as store:
        report = ingest(store, [path], workers=1)
    ingest_seconds, ingest_cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    start = time.perf_counter()
    with Store.open(store_path.with_suffix(".pool.db")) as store:
        pooled = ingest(store, [path], workers=workers)
    pool_seconds = time.perf_counter() - start
    return {
        "articles": read,
        "stored": report.added,
        "problems": len(report.problems),
        "read_seconds": round(read_seconds, 3),
        "read_articles_per_s": round(read / read_seconds, 1),
        "ingest_seconds": round(ingest_seconds, 3),
        "ingest_articles_per_s": round(report.added / ingest_seconds, 1),
        "ingest_cpu_seconds": round(ingest_cpu_seconds, 3),
        "ingest_articles_per_cpu_s": round(report.added / ingest_cpu_seconds, 1),
        "ingest_pool_seconds": round(pool_seconds, 3),
        "ingest_pool_articles_per_s": round(pooled.added / pool_seconds, 1),
    }


# Each measure: its seconds in a run, and the rate that follows from them.
TIMINGS = {
    "read": ("read_seconds", "read_articles_per_s"),
    "ingest": ("ingest_seconds", "ingest_articles_per_s"),
    "ingest_cpu": ("ingest_cpu_seconds", "ingest_articles_per_cpu_s"),
    "ingest_pool": ("ingest_pool_seconds", "ingest_pool_articles_per_s"),
}


def fastest(runs: list[dict[str, float]]) -> dict[str, float]:
    """One format's runs as one: for each measure, the run in which it was fastest."""
    merged = dict(runs[0])
    for seconds, rate in TIMINGS.values():
        best = min(runs, key=lambda run: run[seconds])
        merged[seconds], merged[rate] = best[seconds], best[rate]
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each format; the fastest is kept")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes of the pooled ingest (dateline ingest --workers)"
    )
    args = parser.parse_args()
    metadata = run_metadata()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-formats-") as folder:
        root = Path(folder)
        inputs = write_corpus(root, args.articles)
        (root / "warm").mkdir()
        for name, path in write_corpus(root / "warm", WARM_UP_ARTICLES).items():
            measure(path, root / "warm" / f"{name}.db", args.workers)  # imports, tagger tables, parsers
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in FORMATS}
        for round_number in range(args.repeat):
            for name in FORMATS:
                runs[name].append(measure(inputs[name], root / f"{name}-{round_number}.db", args.workers))
        formats = {name: fastest(runs[name]) for name in FORMATS}
    text = formats["text"]
    ratios = {
        name: {measure: round(formats[name][rate] / text[rate], 3) for measure, (_, rate) in TIMINGS.items()}
        for name in FORMATS
        if name != "text"
    }
    results = {
        "metadata": metadata,
        "articles": args.articles,
        "repeat": args.repeat,
        "workers": args.workers,
        "formats": formats,
        "ratio_to_text": ratios,
    }
    write_results(RESULTS / "ingest_formats.json", results, RESULT_KEYS["ingest_formats.json"])
    print(f"{'format':<6} {'read/s':>9} {'ingest/s':>9} {'ingest ratio':>13} {'CPU ratio':>10} {'pool ratio':>11}")
    for name in FORMATS:
        ratio = ratios.get(name, dict.fromkeys(TIMINGS, 1.0))
        print(
            f"{name:<6} {formats[name]['read_articles_per_s']:>9} {formats[name]['ingest_articles_per_s']:>9} "
            f"{ratio['ingest']:>13} {ratio['ingest_cpu']:>10} {ratio['ingest_pool']:>11}"
        )


if __name__ == "__main__":
    main()
