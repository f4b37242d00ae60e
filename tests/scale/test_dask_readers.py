"""Reading on the cluster (``dateline.distributed.readers``) and shard writers that do not
wait behind it (``dateline.distributed.writers``): the workers read and analyse the files
when they can see them, the ingest process reads them when one cannot, and a shard's
write runs beside the task its worker is busy with."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from distributed import Client, Event, LocalCluster, get_task_stream

from scale_support import store_rows

from dateline.distributed import ingest_on_dask
from dateline.distributed.readers import cluster_readers, first_files
from dateline.distributed.writers import DaskShardWriter
from dateline.ingest.job import ingest
from dateline.ingest.parallel import Readers
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


def test_workers_in_another_folder_leave_the_reading_here_and_say_so(cluster: LocalCluster, tmp_path: Path) -> None:
    """A relative path names another file for a worker in another folder: the files are
    read here, the analysis goes to the cluster, and the report has a note."""
    relative = os.path.relpath(EXAMPLES)
    with Store.open(tmp_path / "local.db") as store:
        ingest(store, [relative], batch_size=8)
    with Client(cluster.scheduler_address) as client:
        folders = client.run(os.getcwd)
        client.run(os.chdir, "/")
        try:
            with get_task_stream(client) as stream, Store.open(tmp_path / "dask.db") as store:
                report = ingest_on_dask(store, [relative], cluster.scheduler_address, batch_size=8)
        finally:
            for worker, folder in folders.items():
                client.run(os.chdir, folder, workers=[worker])
    assert report.added == 45 and len(report.notes) == 1
    assert "analyze_shard" in task_names(stream.data)
    assert "read_and_analyze" not in task_names(stream.data)
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")


class _FakeClient:
    """Just enough of ``distributed.Client`` for ``cluster_readers``: two workers, each
    running a function here; ``second`` gives what the second one answers instead, by
    the function's name."""

    def __init__(self, **second: object) -> None:
        self.second = second

    def nthreads(self) -> dict[str, int]:
        return {"tcp://a": 1, "tcp://b": 1}

    def run(self, function: Callable[..., object], *args: object) -> dict[str, object]:
        here = function(*args)
        return {"tcp://a": here, "tcp://b": self.second.get(function.__name__, here)}


def readers_of(client: _FakeClient, store_path: Path, paths: list[str]) -> Readers | None:
    with Store.open(store_path) as store:
        return cluster_readers(client, store, paths)  # type: ignore[arg-type]


def test_workers_that_see_the_files_read_them_and_look_stored_ids_up(tmp_path: Path) -> None:
    readers = readers_of(_FakeClient(), tmp_path / "store.db", [str(EXAMPLES)])
    assert readers is not None
    assert (readers.capacity, readers.known_in) == (4, str(tmp_path / "store.db"))


def test_a_worker_on_another_host_reads_but_looks_no_stored_id_up(tmp_path: Path) -> None:
    readers = readers_of(_FakeClient(gethostname="another-host"), tmp_path / "store.db", [str(EXAMPLES)])
    assert readers is not None and readers.known_in == ""


def test_files_a_worker_does_not_see_are_read_here(tmp_path: Path) -> None:
    assert readers_of(_FakeClient(_all_there=False), tmp_path / "store.db", [str(EXAMPLES)]) is None


def test_a_relative_path_is_read_on_workers_only_in_this_folder(tmp_path: Path) -> None:
    elsewhere = _FakeClient(getcwd="/somewhere/else")
    assert os.getcwd() != "/somewhere/else"
    assert readers_of(elsewhere, tmp_path / "store.db", [os.path.relpath(EXAMPLES)]) is None
    assert readers_of(elsewhere, tmp_path / "store.db", [str(EXAMPLES)]) is not None


def test_the_first_file_under_a_path_is_what_the_workers_are_asked_about() -> None:
    (name, size), *rest = first_files([str(EXAMPLES)]).items()
    assert rest == [] and Path(name).parent == EXAMPLES and size == Path(name).stat().st_size > 0


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
    Store.open(shard).close()  # an ingest makes every shard before it writes any
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as one,
        Client(one) as client,
    ):
        writer = DaskShardWriter(client)
        writer.start([shard])
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


def test_a_shard_whose_worker_dies_while_its_writer_is_made_is_written_on_another(tmp_path: Path) -> None:
    """The writer is made by a task placed on the shard's worker, which is busy; the
    worker is killed meanwhile: the shard moves to the other worker and the write is
    done there."""
    articles = [
        Article(id=f"b{n}", published=dt.date(2024, 3, n), text=f"Talks were held on Monday, March {n}.")
        for n in (4, 5)
    ]
    shard = tmp_path / "shard-000.db"
    Store.open(shard).close()
    written: list[int] = []
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as two,
        Client(two) as client,
    ):
        writer = DaskShardWriter(client)
        worker = writer._worker_for(shard)
        busy = client.submit(_blocking_task, "never-released", pure=False, workers=[worker], allow_other_workers=False)
        while not client.processing()[worker] and not busy.done():
            time.sleep(0.01)  # until the worker has started the task
        writing = threading.Thread(
            target=lambda: written.append(writer(shard, articles, analyze_articles(articles), [1, 2], [None, None]))
        )
        writing.start()
        os.kill(client.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
        writing.join(WRITE_TIMEOUT_S)
        assert not writing.is_alive(), "the write waited for the dead worker"
        assert busy.status != "finished"  # it held the worker until the worker died
    assert written == [2]
    with Store.open(shard) as store:
        assert store.count_articles() == 2
