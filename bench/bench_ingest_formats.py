"""Ingest speed of web pages and web archives next to plain text, in one run.

    .venv/bin/python bench/bench_ingest_formats.py [--articles 3000] [--repeat 5] [--workers 2]
        [--data ../shared/data]

Two corpora of ``--articles`` news articles each: *generated* ones (three short paragraphs
with dates), and *Timeline17*'s (the first of its articles as dateline reads them, real
news of real length, cut into paragraphs of three sentences); the results give each
corpus's mean length. The extraction of a page grows more slowly with its
article's length than the analysis of the text does, so the ratio of the rates depends on
the length: the generated corpus is the worst case, Timeline17 the usual one.
The articles of each corpus are written three ways: plain-text files
(`` date YYYY-MM-DD``), HTML pages with the usual page furniture
(``tests/ingest/web_pages.py``), and one gzipped WARC of those pages. For each format it
times reading alone (the readers: extraction, dates) and a whole
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
import html
import os
import random
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

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
        "": ("metadata", "articles", "repeat", "workers", "corpora"),
        "corpora.*": ("articles", "characters_per_article", "formats", "ratio_to_text"),
    }
}
CORPORA = ("generated", "timeline17")
SENTENCES_PER_PARAGRAPH = 3
Body = tuple[dt.date, list[str]]
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


def generated_bodies(count: int) -> list[Body]:
    rng = random.Random(7)
    bodies = []
    for number in range(count):
        published = dt.date(2023, 1, 1) + dt.timedelta(days=number % 700)
        bodies.append((published, paragraphs(rng, published)))
    return bodies


def timeline17_bodies(data: Path, count: int) -> list[Body]:
    """The first ``count`` Timeline17 articles, as dateline reads them (one sentence a
    line), in paragraphs of ``SENTENCES_PER_PARAGRAPH`` sentences."""
    read = (item for item in read_articles([data / "t17"]) if isinstance(item, Article))
    bodies = []
    for article in islice(read, count):
        lines = [line for line in article.text.split("\n") if line.strip()]
        bodies.append(
            (
                article.published,
                [
                    " ".join(lines[start : start + SENTENCES_PER_PARAGRAPH])
                    for start in range(0, len(lines), SENTENCES_PER_PARAGRAPH)
                ],
            )
        )
    return bodies


def write_corpus(root: Path, bodies: list[Body]) -> dict[str, Path]:
    text_dir, html_dir = root / "text", root / "html"
    text_dir.mkdir(parents=True)
    html_dir.mkdir()
    records = []
    for number, (published, body) in enumerate(bodies):
        (text_dir / f"{number:05}.txt").write_text(f" date {published}\n" + "\n\n".join(body) + "\n")
        page = news_page(
            f'<meta property="article:published_time" content="{published}T09:00:00+01:00">',
            body="".join(f"<p>{html.escape(p, quote=False)}</p>" for p in body),
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


def measure_corpus(root: Path, bodies: list[Body], repeat: int, workers: int) -> dict[str, Any]:
    """Every format of one corpus, ``repeat`` rounds taking the formats in turn, the
    fastest of each kept, and the ratios of their rates to plain text's."""
    inputs = write_corpus(root, bodies)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in FORMATS}
    for round_number in range(repeat):
        for name in FORMATS:
            runs[name].append(measure(inputs[name], root / f"{name}-{round_number}.db", workers))
    formats = {name: fastest(runs[name]) for name in FORMATS}
    text = formats["text"]
    return {
        "articles": len(bodies),
        "characters_per_article": round(sum(len("\n".join(body)) for _, body in bodies) / len(bodies)),
        "formats": formats,
        "ratio_to_text": {
            name: {measure: round(formats[name][rate] / text[rate], 3) for measure, (_, rate) in TIMINGS.items()}
            for name in FORMATS
            if name != "text"
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each format; the fastest is kept")
    parser.add_argument(
        "--workers", type=int, default=2, help="processes of the pooled ingest (dateline ingest --workers)"
    )
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DATELINE_DATA", "../shared/data")))
    args = parser.parse_args()
    metadata = run_metadata()
    bodies = {"generated": generated_bodies(args.articles), "timeline17": timeline17_bodies(args.data, args.articles)}
    with tempfile.TemporaryDirectory(prefix="dateline-bench-formats-") as folder:
        root = Path(folder)
        for name, path in write_corpus(root / "warm", bodies["generated"][:WARM_UP_ARTICLES]).items():
            measure(path, root / "warm" / f"{name}.db", args.workers)  # imports, tagger tables, parsers
        corpora = {name: measure_corpus(root / name, bodies[name], args.repeat, args.workers) for name in CORPORA}
    results = {
        "metadata": metadata,
        "articles": args.articles,
        "repeat": args.repeat,
        "workers": args.workers,
        "corpora": corpora,
    }
    write_results(RESULTS / "ingest_formats.json", results, RESULT_KEYS["ingest_formats.json"])
    header = ("corpus", "format", "read/s", "ingest/s", "ingest ratio", "CPU ratio", "pool ratio")
    print(f"{header[0]:<11} {header[1]:<6} " + " ".join(f"{name:>12}" for name in header[2:]))
    for corpus, measured in corpora.items():
        formats, ratios = measured["formats"], measured["ratio_to_text"]
        for name in FORMATS:
            ratio = ratios.get(name, dict.fromkeys(TIMINGS, 1.0))
            cells = (
                formats[name]["read_articles_per_s"],
                formats[name]["ingest_articles_per_s"],
                ratio["ingest"],
                ratio["ingest_cpu"],
                ratio["ingest_pool"],
            )
            print(f"{corpus:<11} {name:<6} " + " ".join(f"{cell:>12}" for cell in cells))


if __name__ == "__main__":
    main()
