"""Shard writers on Dask (``dateline.distributed.writers``): with ``ingest_on_dask`` into
a sharded store, each shard is written by a worker of its own, and the shards hold what a
local sharded ingest stores."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from dateline.distributed import ingest_on_dask
from dateline.ingest.job import ingest
from dateline.shards import ShardedStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
SHARDS = 4


def shard_rows(folder: Path) -> list[list[tuple]]:
    """Every shard's articles as stored: row id, id, date, copy link, analysis."""
    rows = []
    for path in sorted(folder.glob("shard-*.db")):
        with closing(sqlite3.connect(path)) as db:
            rows.append(
                db.execute(
                    "SELECT rowid, id, published, duplicate_of, spans, mentions FROM articles ORDER BY rowid"
                ).fetchall()
            )
    return rows


def written_on_workers(client: Client) -> dict[str, list[str]]:
    """The shard files each worker process has written, by worker."""

    def opened() -> list[str]:
        from dateline.distributed import writers

        return sorted(Path(path).name for path in writers.WRITTEN_HERE)

    return client.run(opened)


def test_each_shard_is_written_by_one_worker_and_holds_what_a_local_ingest_stores(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    with ShardedStore.open(tmp_path / "local", shards=SHARDS) as store:
        ingest(store, [EXAMPLES], batch_size=8)
    with ShardedStore.open(tmp_path / "dask", shards=SHARDS) as store:
        report = ingest_on_dask(store, [EXAMPLES], cluster.scheduler_address, batch_size=8)
        again = ingest_on_dask(store, [EXAMPLES], cluster.scheduler_address, batch_size=8)
    assert (report.added, again.added, again.already_stored) == (45, 0, 45)
    assert shard_rows(tmp_path / "dask") == shard_rows(tmp_path / "local")
    with Client(cluster.scheduler_address) as client:
        by_worker = [shards for shards in written_on_workers(client).values() if shards]
    assert len(by_worker) == 2
    assert sorted(name for shards in by_worker for name in shards) == [f"shard-{n:03d}.db" for n in range(SHARDS)]


def test_a_shard_write_longer_than_the_look_at_its_worker_is_waited_for(
    cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.distributed import writers

    # Every write takes longer than this, so each wait for one looks again at its worker.
    monkeypatch.setattr(writers, "_LOOK_AGAIN_S", 0.001)
    with ShardedStore.open(tmp_path / "dask", shards=SHARDS) as store:
        report = ingest_on_dask(store, [EXAMPLES], cluster.scheduler_address, batch_size=8)
    assert report.added == 45


def test_the_shard_writers_find_the_workers_while_the_client_refreshes_what_it_knows_of_them(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    # The client's own refresh of its scheduler_info() (every 2 s; here all the time)
    # leaves it for a moment with no workers: a writer asking it then found none.
    with (
        dask.config.set({"distributed.client.scheduler-info-interval": "1ms"}),
        ShardedStore.open(tmp_path / "dask", shards=SHARDS) as store,
    ):
        report = ingest_on_dask(store, [EXAMPLES], cluster.scheduler_address, batch_size=4)
    assert report.added == 45


class _FakeClient:
    """Just enough of ``distributed.Client`` for placement: the workers there now."""

    def __init__(self, workers: list[str]) -> None:
        self.workers = workers

    def nthreads(self) -> dict[str, int]:
        return dict.fromkeys(self.workers, 1)


def test_a_shard_keeps_its_worker_and_moves_only_when_that_worker_has_left() -> None:
    from dateline.distributed.writers import DaskShardWriter

    client = _FakeClient(["tcp://a", "tcp://b"])
    writer = DaskShardWriter(client)  # type: ignore[arg-type]
    first, second = Path("shard-000.db"), Path("shard-001.db")
    assert [writer._worker_for(first), writer._worker_for(second), writer._worker_for(first)] == [
        "tcp://a",
        "tcp://b",
        "tcp://a",
    ]
    client.workers = ["tcp://b", "tcp://c"]
    assert writer._worker_for(second) == "tcp://b"
    assert writer._worker_for(first) in client.workers
