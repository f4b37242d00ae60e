"""Timeline17 for the tagger benchmark: the articles, and HeidelTime's output on them."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.temporal import Timex


@dataclass(frozen=True)
class T17Article:
    topic: str
    dct: dt.date
    name: str
    text: str

    @property
    def key(self) -> tuple[str, str, str]:
        return self.topic, self.dct.isoformat(), self.name


def read_articles(t17: Path) -> list[T17Article]:
    """Every ``<topic>/InputDocs/<date>/<file>``; the folder name is the DCT."""
    return [
        T17Article(path.parts[-4], dt.date.fromisoformat(path.parts[-2]), path.name, path.read_text(encoding="utf-8"))
        for path in sorted(t17.glob("*/InputDocs/*/*"))
        if path.is_file()
    ]


def read_heideltime(t17: Path) -> dict[tuple[str, str, str], list[Timex]]:
    """HeidelTime's TIMEX3s per article key, from ``heideltime.jsonl.gz``."""
    found = {}
    with gzip.open(t17 / "heideltime.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            found[(record["topic"], record["pub_date"], record["doc"])] = [
                Timex(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in record["timexes"]
            ]
    return found


@dataclass(frozen=True)
class Agreement:
    """Agreement with HeidelTime's DATE expressions (HeidelTime as the reference).

    ``strict``: the fraction of HeidelTime's DATE timexes for which we produce a timex
    with the same span and the same value. ``relaxed``: ... an overlapping timex with the
    same value. ``span``: ... a timex with the same span, whatever its value.
    """

    reference: int
    strict: float
    relaxed: float
    span: float


def agreement(
    articles: Sequence[T17Article], ours: Sequence[Sequence[Timex]], reference: dict[tuple[str, str, str], list[Timex]]
) -> Agreement:
    total = strict = relaxed = span = 0
    for article, predicted in zip(articles, ours, strict=True):
        by_span = {(t.start, t.end): t.value for t in predicted}
        for timex in reference.get(article.key, ()):
            if timex.type != "DATE":
                continue
            total += 1
            value = by_span.get((timex.start, timex.end))
            span += value is not None
            strict += value == timex.value
            relaxed += any(t.value == timex.value for t in predicted if t.start < timex.end and t.end > timex.start)
    return Agreement(total, strict / total, relaxed / total, span / total)
