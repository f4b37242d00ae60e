"""The standard Timeline17 protocol (Gholipour Ghalandari & Ifrim, ACL 2020; news-tls).

Every reference timeline of a ``<Topic_source>`` folder is one task. The input is that
folder's articles published between the reference's first and last date (all of them: the
folder is the topic, so the keywords do not filter it, they only reach the method as its
query); the system may return L = (number of reference dates) dates with k = round(mean
sentences per reference date) sentences each, within the same range. Scores
are tilse's (``dateline.evaluate.metrics``), averaged over tasks with P and R averaged
before F is computed.

The dataset is ingested once into ``OUT/dataset.db`` and reused by later runs; predicted
timelines are written to ``OUT/<Topic_source>/<timeline file>`` in the T17 text format so
that any other scorer can grade them.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputProblem, UsageError
from dateline.evaluate.metrics import TaskScores, macro_average, score_task
from dateline.evaluate.timeline_files import read_timeline, write_timeline
from dateline.ingest.job import ingest
from dateline.model import Timeline
from dateline.store import Store
from dateline.timeline import TimelineMethod, TimelineRequest, get_method
from dateline.timeline.corpus import Corpus, build_corpus

DATASET_DB = "dataset.db"


@dataclass(frozen=True)
class Task:
    """One reference timeline of one topic folder."""

    topic: str
    name: str
    keywords: tuple[str, ...]
    reference: dict[dt.date, list[str]]

    @property
    def n_dates(self) -> int:
        return len(self.reference)

    @property
    def n_sentences(self) -> int:
        """round(mean sentences per date), as news-tls computes k (at least 1)."""
        total = sum(len(sentences) for sentences in self.reference.values())
        return max(1, round(total / len(self.reference)))

    @property
    def first(self) -> dt.date:
        return min(self.reference)

    @property
    def last(self) -> dt.date:
        return max(self.reference)


@dataclass(frozen=True)
class TaskResult:
    task: Task
    predicted: Timeline
    scores: TaskScores
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {
            "topic": self.task.topic,
            "timeline": self.task.name,
            "dates": self.task.n_dates,
            "sentences_per_date": self.task.n_sentences,
            "predicted_dates": len(self.predicted.entries),
            "seconds": round(self.seconds, 4),
            **self.scores.to_dict(),
        }


def find_tasks(dataset: Path) -> list[Task]:
    """Every reference timeline under ``dataset`` (``<Topic_source>/timelines/*.txt``)."""
    tasks = []
    for topic_dir in sorted(path for path in dataset.iterdir() if (path / "timelines").is_dir()):
        keywords = _keywords(topic_dir / "keywords.json")
        for timeline_file in sorted((topic_dir / "timelines").glob("*.txt")):
            reference = read_timeline(timeline_file)
            if reference:
                tasks.append(Task(topic_dir.name, timeline_file.name, keywords, reference))
    if not tasks:
        raise UsageError(f"{dataset}: no <Topic>/timelines/*.txt found; is this a Timeline17-layout dataset?")
    return tasks


def _keywords(path: Path) -> tuple[str, ...]:
    if not path.is_file():
        return ()
    try:
        words = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputProblem(str(path), f"cannot read keywords: {error}") from None
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise InputProblem(str(path), "expected a JSON list of strings")
    return tuple(words)


def ensure_dataset_store(dataset: Path, out: Path, workers: int = 2) -> Path:
    """Ingest ``dataset`` into ``out/dataset.db`` (see ``ensure_store``)."""
    return ensure_store([dataset], out / DATASET_DB, workers)


def ensure_store(datasets: Sequence[Path], db: Path, workers: int = 2) -> Path:
    """Ingest every dataset into the store ``db``. Ingest is idempotent, so after the first
    run this only re-reads the files and finds every article already stored (and a run
    interrupted half-way is completed rather than trusted)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(db) as store:
        ingest(store, datasets, workers=workers)
    return db


def task_corpus(store: Store, task: Task, undated_sentences: int | None = None) -> Corpus:
    """The task's input: every article of its folder published within the reference's span
    (``undated_sentences``: see ``build_corpus``)."""
    rowids = store.match_articles(None, task.first, task.last, task.topic)
    return build_corpus(store.analyzed_articles(rowids), undated_sentences, " ".join(task.keywords))


def task_request(task: Task) -> TimelineRequest:
    """What the protocol asks of a method: L day-dates, k sentences, the reference's span."""
    return TimelineRequest(
        query=" ".join(task.keywords),
        n_dates=task.n_dates,
        n_sentences=task.n_sentences,
        granularities=frozenset({"day"}),
        date_from=task.first,
        date_to=task.last,
    )


def run_task(store: Store, task: Task, method: TimelineMethod) -> TaskResult:
    """Build and score the timeline of one task (``seconds``: loading its corpus included)."""
    started = time.perf_counter()
    predicted = method.build(task_corpus(store, task, method.undated_sentences), task_request(task))
    seconds = time.perf_counter() - started
    return TaskResult(task, predicted, score_task(as_dict(predicted), [task.reference]), seconds)


def as_dict(timeline: Timeline) -> dict[dt.date, list[str]]:
    """A timeline in the plain ``date -> sentences`` form the metrics take."""
    return {entry.date: [s.text for s in entry.sentences] for entry in timeline.entries}


def evaluate(
    dataset: Path,
    method_name: str,
    out: Path,
    on_task: Callable[[TaskResult], None] | None = None,
) -> tuple[list[TaskResult], TaskScores, float]:
    """Run the protocol; return per-task results, the macro average and the seconds taken
    (ingest included)."""
    started = time.perf_counter()
    method = get_method(method_name)
    tasks = find_tasks(dataset)
    db = ensure_dataset_store(dataset, out)
    results = []
    with Store.open(db) as store:
        for task in tasks:
            result = run_task(store, task, method)
            write_timeline(as_dict(result.predicted), out / result.task.topic / result.task.name)
            results.append(result)
            if on_task is not None:
                on_task(result)
    return results, macro_average([r.scores for r in results]), time.perf_counter() - started
