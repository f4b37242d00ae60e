"""Connecting to a Dask cluster: a ``LocalCluster`` on this machine, or a scheduler.

``local`` starts one single-threaded worker process per CPU (the analysis is pure
Python, so threads would share one core through the GIL); its scheduler's HTTP endpoint
takes a free port, so several ingests can run side by side. Any other address
(``tcp://HOST:PORT``) is a running scheduler, whose workers must have the same dateline
installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster

from dateline.errors import UsageError

LOCAL = "local"


@contextmanager
def dask_client(address: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at ``address`` (``local``: a new ``LocalCluster`` with
    ``workers`` processes, one per CPU by default, shut down on exit)."""
    if address == LOCAL:
        count = workers or os.cpu_count() or 1
        with (
            LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    if "://" not in address:
        raise UsageError(f"--dask must be 'local' or a scheduler address like tcp://HOST:8786, got {address!r}")
    try:
        client = Client(address, timeout=30)
    except OSError as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        yield client
