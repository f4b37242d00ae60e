"""A large synthetic news corpus made of real Timeline17 sentences, for the scale benchmark.

    .venv/bin/python bench/synthetic.py --articles 1000000 --out /tmp/synthetic [--seed 17]

How an article is made (deterministic for a seed; the first N articles of a bigger run
are exactly the corpus of a run with ``--articles N``):

* **Template**: a Timeline17 article drawn uniformly at random. The synthetic article has
  its length (number of sentences) and keeps its first line (headline and lead).
* **Recombination**: every later sentence is, with probability ``MIX``, replaced by a
  random sentence of another article of the same topic (``LibyaWar``, ``bpoil``, ...)
  published within ``WINDOW_DAYS`` days of the template, otherwise kept. The text stays
  on topic and about the same days, as news about one event is.
* **Re-dating**: the publication date moves forward by a random whole number of 52-week
  periods (0 to ``ERAS`` - 1), which keeps weekdays, so "on Thursday" still resolves to a
  Thursday; dates written out in the text ("March 7, 2011") are left as they are.
* **Wire copies**: with probability ``COPY_RATE`` the article is instead a republication
  of one of the last ``COPY_POOL`` synthetic articles, the same or the next day, under a
  new byline line: near-duplicates (resemblance about 0.9), some stories copied many
  times, for the near-duplicate detection to find at scale.

Output: JSON Lines shards of ``SHARD_SIZE`` articles (``synthetic-00000.jsonl``, ...),
records ``{"date", "title", "text"}``, one sentence per line as in Timeline17, which
``dateline ingest`` reads as any JSONL export.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.ingest import read_articles
from dateline.model import Article

MIX = 0.5
WINDOW_DAYS = 3
ERAS = 8
COPY_RATE = 0.02
COPY_POOL = 500
SHARD_SIZE = 5000
OUTLETS = ("AP", "AFP", "Reuters", "Bloomberg", "UPI", "dpa", "PA", "Xinhua")


@dataclass(frozen=True)
class Source:
    """A Timeline17 article cut into lines, with its topic."""

    topic: str
    published: dt.date
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Record:
    """One synthetic article."""

    published: dt.date
    title: str
    text: str

    def to_json(self) -> str:
        return json.dumps(
            {"date": self.published.isoformat(), "title": self.title, "text": self.text}, ensure_ascii=False
        )


def load_sources(t17: Path) -> list[Source]:
    """Every non-empty Timeline17 article, by topic and date."""
    sources = [
        Source(
            item.collection.split("_", 1)[0],
            item.published,
            tuple(line for line in item.text.split("\n") if line.strip()),
        )
        for item in read_articles([t17])
        if isinstance(item, Article)
    ]
    return sorted(sources, key=lambda source: (source.topic, source.published))


def generate(sources: list[Source], count: int, seed: int) -> Iterator[Record]:
    """``count`` synthetic articles (see the module docstring)."""
    rng = np.random.default_rng(seed)
    keys = [(source.topic, source.published) for source in sources]
    recent: deque[Record] = deque(maxlen=COPY_POOL)
    for _ in range(count):
        if recent and rng.random() < COPY_RATE:
            record = _copy(recent[int(rng.integers(len(recent)))], rng)
        else:
            record = _recombined(sources, keys, int(rng.integers(len(sources))), rng)
            recent.append(record)
        yield record


def _recombined(sources: list[Source], keys: list[tuple[str, dt.date]], index: int, rng: np.random.Generator) -> Record:
    template = sources[index]
    window = dt.timedelta(days=WINDOW_DAYS)
    low = bisect.bisect_left(keys, (template.topic, template.published - window))
    high = bisect.bisect_right(keys, (template.topic, template.published + window))
    lines = list(template.lines)
    if high - low > 1:
        replaced = np.flatnonzero(rng.random(len(lines) - 1) < MIX) + 1
        donors = rng.integers(low, high, len(replaced))
        for position, donor in zip(replaced.tolist(), donors.tolist(), strict=True):
            donor_lines = sources[donor].lines
            lines[position] = donor_lines[int(rng.integers(len(donor_lines)))]
    published = template.published + dt.timedelta(weeks=52 * int(rng.integers(ERAS)))
    return Record(published, lines[0][:200], "\n".join(lines))


def _copy(original: Record, rng: np.random.Generator) -> Record:
    outlet = OUTLETS[int(rng.integers(len(OUTLETS)))]
    published = original.published + dt.timedelta(days=int(rng.integers(2)))
    byline = f"By {outlet} staff | {published:%a %b %d , %Y}"
    return Record(published, original.title, f"{byline}\n{original.text}")


def write_shards(records: Iterator[Record], out: Path, shard_size: int = SHARD_SIZE) -> list[Path]:
    """Write ``records`` as JSONL shards under ``out``; return the shard paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    handle = None
    for number, record in enumerate(records):
        if number % shard_size == 0:
            if handle is not None:
                handle.close()
            paths.append(out / f"synthetic-{len(paths):05d}.jsonl")
            handle = paths[-1].open("w", encoding="utf-8")
        assert handle is not None
        handle.write(record.to_json() + "\n")
    if handle is not None:
        handle.close()
    return paths


def default_t17() -> Path:
    here = Path(__file__).resolve().parent
    return Path(os.environ.get("DATELINE_DATA") or here.parent.parent / "shared" / "data") / "t17"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--t17", type=Path, default=default_t17())
    args = parser.parse_args(argv)
    shards = write_shards(generate(load_sources(args.t17), args.articles, args.seed), args.out)
    print(f"{args.articles} articles in {len(shards)} shards under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
