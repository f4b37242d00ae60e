"""Reading on the cluster (``dateline.distributed.readers``) and shard writers that do not
wait behind it (``dateline.distributed.writers``): the workers read and analyse the files
when they can see them, the ingest process reads them when one cannot, and a shard's
write runs beside the task its worker is busy with."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

from distributed import Client, Event, LocalCluster, get_task_stream

from scale_support import store_rows

from dateline.distributed import ingest_on_dask
from dateline.distributed.readers import cluster_readers
from dateline.distributed.writers import DaskShardWriter
from dateline.ingest.job import ingest
from dateline.model import Article
from dateline.nlp.analyze import analyze_articles
from dateline.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
# Long enough for any write on a loaded machine; a write queued behind the blocking task
# would wait for it forever, and the test fails here instead of hanging.
WRITE_TIMEOUT_S = 120


def task_names(stream: list[dict]) -> set[str]:
    return {task["key"].split("-")[0] for task in stream}


def test_the_workers_read_the_files_and_the_store_is_one_process_s(cluster: LocalCluster, tmp_path: Path) -> None:
    with Store.open(tmp_path / "local.db") as store:
        ingest(store, [EXAMPLES], batch_size=8)
    with (
        Client(cluster.scheduler_address) as client,
        get_task_stream(client) as stream,
        Store.open(tmp_path / "dask.db") as store,
    ):
        report = ingest_on_dask(store, [EXAMPLES], cluster.scheduler_address, batch_size=8)
    assert report.added == 45
    assert "read_and_analyze" in task_names(stream.data)
    assert "analyze_shard" not in task_names(stream.data)
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")


class _FakeClient:
    """Just enough of ``distributed.Client`` for ``cluster_readers``: two workers, each
    running a function here, the second in ``other_cwd`` when one is given."""

    def __init__(self, other_cwd: str | None = None) -> None:
        self.other_cwd = other_cwd

    def nthreads(self) -> dict[str, int]:
        return {"tcp://a": 1, "tcp://b": 1}

    def run(self, function: Callable[..., object], *args: object) -> dict[str, object]:
        second = function(*args) if self.other_cwd is None or function.__name__ != "_cwd" else self.other_cwd
        return {"tcp://a": function(*args), "tcp://b": second}


def test_workers_that_see_the_files_read_them_and_look_stored_ids_up(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.db") as store:
        readers = cluster_readers(_FakeClient(), store, [str(EXAMPLES)])  # type: ignore[arg-type]
    assert readers is not None
    assert (readers.capacity, readers.known_in) == (4, str(tmp_path / "store.db"))


def test_files_a_worker_cannot_see_or_reach_from_its_folder_are_read_here(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.db") as store:
        unseen = cluster_readers(_FakeClient(), store, [str(tmp_path / "on-another-machine")])  # type: ignore[arg-type]
        elsewhere = cluster_readers(_FakeClient("/somewhere/else"), store, [str(EXAMPLES)])  # type: ignore[arg-type]
    assert unseen is None and elsewhere is None
    assert os.getcwd() != "/somewhere/else"


def _blocking_task(name: str) -> bool:
    return Event(name).wait(WRITE_TIMEOUT_S)


def test_a_shard_write_runs_beside_the_task_its_worker_is_busy_with(tmp_path: Path) -> None:
    """A worker with one thread, busy with a task that ends only when the test lets it:
    a write to a shard it already writes, an actor call, comes back while the task runs."""
    articles = [
        Article(id=f"a{n}", published=dt.date(2024, 3, n), text=f"Talks were held on Monday, March {n}.")
        for n in (4, 5, 6)
    ]
    shard = tmp_path / "shard-000.db"
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as one,
        Client(one) as client,
    ):
        writer = DaskShardWriter(client)
        first = writer(shard, articles[:1], analyze_articles(articles[:1]), [1], [None])
        release = Event("release-the-worker", client=client)
        busy = client.submit(_blocking_task, "release-the-worker", pure=False)
        while not client.processing()[next(iter(client.nthreads()))]:
            time.sleep(0.01)  # until the worker has started the task
        later = writer(shard, articles[1:], analyze_articles(articles[1:]), [2, 3], [None, None])
        still_busy = not busy.done()
        release.set()
        assert busy.result(timeout=WRITE_TIMEOUT_S) is True
    assert (first, later, still_busy) == (1, 2, True)
    with Store.open(shard) as store:
        assert store.count_articles() == 3
