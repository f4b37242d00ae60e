"""The nlp stage on a Dask cluster: Parquet shards there and back, and a store equal to
the one built on one machine, whether the cluster is in this process, a ``local`` one
or a scheduler and a worker started with the ``dask`` command and reached over TCP."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from scale_support import store_rows

from dateline.cli.app import app
from dateline.distributed import DaskAnalyzer
from dateline.distributed.shards import (
    analysis_from_parquet,
    analysis_to_parquet,
    articles_from_parquet,
    articles_to_parquet,
)
from dateline.ingest import read_articles
from dateline.ingest.job import ingest
from dateline.model import Article
from dateline.nlp.analyze import analyze_articles
from dateline.store import Store

CLUSTER_START_SECONDS = 60
CLUSTER_STOP_SECONDS = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real cluster on 127.0.0.1: ``dask scheduler`` and one single-threaded ``dask
    worker`` (the venv's command, as a user starts them), both stopped afterwards."""
    dask = Path(sys.executable).with_name("dask")
    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    commands = [
        [dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        [
            dask,
            "worker",
            address,
            "--host",
            "127.0.0.1",
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--no-nanny",
            "--no-dashboard",
            "--death-timeout",
            str(CLUSTER_START_SECONDS),
            "--local-directory",
            str(logs),
        ],
    ]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for number, command in enumerate(commands):
            with (logs / f"{number}.log").open("wb") as log:
                processes.append(subprocess.Popen(list(map(str, command)), stdout=log, stderr=subprocess.STDOUT))
        with Client(address, timeout=CLUSTER_START_SECONDS) as dask_client:
            dask_client.wait_for_workers(1, timeout=CLUSTER_START_SECONDS)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=CLUSTER_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as dask,
    ):
        yield dask


def test_articles_and_their_analysis_survive_the_parquet_round_trip(t17_pairs: Path) -> None:
    articles = [item for item in read_articles([t17_pairs]) if isinstance(item, Article)]
    assert articles_from_parquet(articles_to_parquet(articles)) == articles
    analysis = analyze_articles(articles)
    back = analysis_from_parquet(analysis_to_parquet(analysis))
    for name in ("sentence_counts", "sentence_spans", "mention_counts", "mention_spans", "band_keys"):
        assert np.array_equal(getattr(back, name), getattr(analysis, name)), name
    for name in ("types", "values", "dates", "granularities"):
        assert getattr(back, name) == getattr(analysis, name), name


def test_a_dask_ingest_builds_the_same_store_as_one_machine(client: Client, t17_pairs: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "local.db") as store:
        ingest(store, [t17_pairs], batch_size=4)
    with Store.open(tmp_path / "dask.db") as store:
        report = ingest(store, [t17_pairs], batch_size=4, analyzer=DaskAnalyzer(client))
        again = ingest(store, [t17_pairs], batch_size=4, analyzer=DaskAnalyzer(client))
    assert report.added == report.read and again.added == 0
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")


def test_the_cli_names_a_wrong_dask_address(tmp_path: Path, t17_pairs: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(t17_pairs), "--db", str(tmp_path / "s.db"), "--dask", "scheduler-without-scheme"]
    )
    assert result.exit_code == 2
    assert "tcp://HOST" in result.output


def test_the_cli_ingests_on_a_local_cluster_of_worker_processes(t17_pairs: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "local.db") as store:
        ingest(store, [t17_pairs])
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(t17_pairs),
            "--db",
            str(tmp_path / "dask.db"),
            "--dask",
            "local",
            "--workers",
            "1",
            "--batch-size",
            "8",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")


def tasks_run_on(address: str) -> int:
    with Client(address, timeout=CLUSTER_START_SECONDS) as dask_client:
        return sum(dask_client.run(lambda dask_worker: dask_worker.state.executed_count).values())


@pytest.mark.slow
def test_the_cli_ingests_on_a_scheduler_reached_over_tcp(
    scheduler_address: str, t17_pairs: Path, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "local.db") as store:
        ingest(store, [t17_pairs])
    tasks_before = tasks_run_on(scheduler_address)
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(t17_pairs),
            "--db",
            str(tmp_path / "dask.db"),
            "--dask",
            scheduler_address,
            "--batch-size",
            "8",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert tasks_run_on(scheduler_address) > tasks_before, "the cluster's worker ran no task"
    assert store_rows(tmp_path / "dask.db") == store_rows(tmp_path / "local.db")
