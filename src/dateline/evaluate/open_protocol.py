"""The open protocol: the timeline a user gets from one store that holds every topic.

The standard protocol (``protocol.py``) hands a method one topic folder. Here every dataset
given is ingested into one store (``OUT/open.db``, reused by later runs) and each reference
timeline is asked for the way a user asks: ``make_timeline`` (the call behind
``dateline timeline``) with a natural query typed in a person's words, publication dates
limited to the reference's span, L dates and k sentences as the standard protocol computes
them, and every other option at the CLI's default (method aside): no collection filter,
default article cap, day, month and year entries. A month or year entry is scored at its
first day, the date it carries. Scores are the standard protocol's, averaged per dataset.

Queries come from a JSON object mapping ``"<dataset>/<folder>"`` or ``"<dataset>/<topic>"``
to the query, where ``<dataset>`` is the dataset folder's name and ``<topic>`` is a
Timeline17 folder name without its ``_<source>`` suffix (a user types the topic, not the
newspaper): ``{"t17/bpoil": "BP oil spill", "entities/Steve_Jobs": "Steve Jobs"}``.

Besides the scores, each task records how retrieval went (how many articles it took, the
share of them from folders of the same query, the share of the task's own folder it
found) and what a reader sees (``display_check``): the sentences shown, and the titles
that name their sources.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputProblem, UsageError
from dateline.evaluate.display_check import DisplayCount, count_problems
from dateline.evaluate.metrics import TaskScores, macro_average, score_task
from dateline.evaluate.protocol import Task, as_dict, ensure_store, find_tasks
from dateline.evaluate.timeline_files import write_timeline
from dateline.model import Timeline
from dateline.operations import cited_articles, make_timeline
from dateline.store import Store

OPEN_DB = "open.db"


@dataclass(frozen=True)
class OpenTask:
    """A standard-protocol task asked through a natural query of a shared store."""

    dataset: str
    task: Task
    query: str

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.task.topic}/{self.task.name}"


@dataclass(frozen=True)
class Retrieved:
    """What retrieval gave a task: ``articles`` found by the rule ``strategy``;
    ``on_topic``: the share of them from folders asked with the same query;
    ``own_found``: the share of the task's own folder (within the span) among them."""

    articles: int
    strategy: str
    on_topic: float
    own_found: float


@dataclass(frozen=True)
class OpenTaskResult:
    open_task: OpenTask
    predicted: Timeline
    scores: TaskScores
    retrieved: Retrieved
    display: DisplayCount
    titles: DisplayCount
    seconds: float

    def to_dict(self) -> dict[str, object]:
        task = self.open_task.task
        return {
            "dataset": self.open_task.dataset,
            "topic": task.topic,
            "timeline": task.name,
            "query": self.open_task.query,
            "dates": task.n_dates,
            "sentences_per_date": task.n_sentences,
            "predicted_dates": len(self.predicted.entries),
            "retrieved_articles": self.retrieved.articles,
            "retrieval": self.retrieved.strategy,
            "on_topic_share": round(self.retrieved.on_topic, 4),
            "own_folder_found": round(self.retrieved.own_found, 4),
            "display": self.display.to_dict(),
            "titles": self.titles.to_dict(),
            "seconds": round(self.seconds, 4),
            **self.scores.to_dict(),
        }


def read_queries(path: Path) -> dict[str, str]:
    """The query file: a JSON object of ``"<dataset>/<folder or topic>": "query"``."""
    try:
        queries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputProblem(str(path), f"cannot read queries: {error}") from None
    if not isinstance(queries, dict) or not all(
        isinstance(key, str) and isinstance(query, str) and query.strip() for key, query in queries.items()
    ):
        raise InputProblem(str(path), 'expected a JSON object of "<dataset>/<topic>": "query" (non-empty)')
    return queries


def query_for(queries: dict[str, str], dataset: str, folder: str) -> str | None:
    """The query of ``folder``: by its own name, else by its topic (the name without its
    ``_<source>`` suffix)."""
    return queries.get(f"{dataset}/{folder}") or queries.get(f"{dataset}/{folder.rsplit('_', 1)[0]}")


def find_open_tasks(datasets: Sequence[Path], queries: dict[str, str]) -> list[OpenTask]:
    """Every reference timeline of every dataset, each with its query."""
    names = [dataset.name for dataset in datasets]
    if len(set(names)) != len(names):
        raise UsageError(f"datasets must have different folder names, got {', '.join(names)}")
    tasks, missing = [], []
    for dataset in datasets:
        for task in find_tasks(dataset):
            query = query_for(queries, dataset.name, task.topic)
            if query is None:
                missing.append(f"{dataset.name}/{task.topic}")
            else:
                tasks.append(OpenTask(dataset.name, task, query))
    if missing:
        raise UsageError(
            f'no query for {", ".join(sorted(set(missing)))}; add "<dataset>/<topic>": "query" to the queries file'
        )
    return tasks


def run_open_task(store: Store, open_task: OpenTask, method: str, topic_folders: frozenset[str]) -> OpenTaskResult:
    """Build the task's timeline as ``dateline timeline`` would and score it.
    ``topic_folders``: the folders asked with the same query (for ``Retrieved.on_topic``)."""
    task = open_task.task
    started = time.perf_counter()
    result = make_timeline(
        store, open_task.query, task.n_dates, task.n_sentences, method, date_from=task.first, date_to=task.last
    )
    seconds = time.perf_counter() - started
    predicted = result.timeline
    rowids = result.retrieval.rowids
    found = set(rowids)
    own = store.match_articles(None, task.first, task.last, task.topic)
    on_topic = sum(summary.collection in topic_folders for summary in store.summaries(rowids))
    retrieved = Retrieved(
        articles=len(rowids),
        strategy=result.retrieval.strategy,
        on_topic=on_topic / len(rowids) if rowids else 0.0,
        own_found=sum(rowid in found for rowid in own) / len(own) if own else 0.0,
    )
    display = count_problems(s.text for entry in predicted.entries for s in entry.sentences)
    titles = shown_titles(store, predicted)
    return OpenTaskResult(
        open_task, predicted, score_task(as_dict(predicted), [task.reference]), retrieved, display, titles, seconds
    )


def shown_titles(store: Store, timeline: Timeline) -> DisplayCount:
    """The titles of the articles ``timeline`` cites, as every format names its sources,
    counted by ``display_problem``."""
    return count_problems(article.title for article in cited_articles(store, timeline).values())


def evaluate_open(
    datasets: Sequence[Path],
    queries: Path,
    method: str,
    out: Path,
    on_task: Callable[[OpenTaskResult], None] | None = None,
) -> tuple[list[OpenTaskResult], dict[str, TaskScores], float]:
    """Run the open protocol; return per-task results, the macro average of each dataset
    (by its folder name) and the seconds taken (ingest included). Predicted timelines are
    written to ``out/<dataset>/<folder>/<timeline file>``."""
    started = time.perf_counter()
    tasks = find_open_tasks(datasets, read_queries(queries))
    db = ensure_store(datasets, out / OPEN_DB)
    folders_of: dict[str, set[str]] = {}
    for open_task in tasks:
        folders_of.setdefault(open_task.query, set()).add(open_task.task.topic)
    results = []
    with Store.open(db) as store:
        for open_task in tasks:
            result = run_open_task(store, open_task, method, frozenset(folders_of[open_task.query]))
            write_timeline(as_dict(result.predicted), out / open_task.key)
            results.append(result)
            if on_task is not None:
                on_task(result)
    means = {
        dataset.name: macro_average([r.scores for r in results if r.open_task.dataset == dataset.name])
        for dataset in datasets
    }
    return results, means, time.perf_counter() - started
