"""Loopback load test of the HTTP API (issue 6): ``GET /api/timeline`` under concurrency.

    .venv/bin/python bench/bench_api.py [--clients 20] [--duration 30] [--cache-entries 256]

1. Ingests all of Timeline17 (``$DATELINE_DATA/t17``, default ``../shared/data``) with
   ``dateline ingest`` into a new store in a temporary folder (a store left by an earlier
   run would hold what an older ingest made); a failed ingest stops the benchmark.
2. Starts ``dateline serve`` in a subprocess on 127.0.0.1, on a free port.
3. Cold start: ``--clients`` concurrent clients (asyncio + httpx, one connection each)
   send requests for ``--duration`` seconds to the fresh server, whose timeline cache is
   empty; each client waits for an answer before its next request. The mix: every
   Timeline17 collection with its ``keywords.json`` query at two timeline sizes, plus
   free-text queries across the whole store, some restricted to a date range.
4. Warm: the same load again on the same server, now that every timeline is cached.

With ``--cache-entries 0`` the server keeps no timeline, so every request builds one
(concurrent identical requests still share one build).

Reports requests/s, latency p50/p95/p99/max, errors (non-200 answers and failed
connections) and the server's peak RSS; writes ``bench/results/api.json``. The client
runs on the same machine and shares its CPUs with the server; the machine's load average
before and after is recorded, since other work on the machine skews every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from run_metadata import run_metadata, write_results

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
# ``dateline ingest`` exits 3 when it skipped inputs: Timeline17's folders hold files
# that are not articles (keywords, reference timelines).
INGEST_OK = (0, 3)
RESULT_KEYS = {
    "api.json": {
        "": (
            "metadata",
            "endpoint",
            "store",
            "load_average_1min",
            "distinct_requests",
            "clients",
            "duration_s",
            "cold_start",
            "warm",
            "server",
            "target",
            "met",
            "met_from_cold_start",
        ),
        "store": ("articles", "ingest_seconds", "ingest_output"),
    }
}
FREE_TEXT = [
    ("oil spill", None, None),
    ("swine flu vaccine", None, None),
    ("Libya rebels", None, None),
    ("Egypt protest Mubarak", None, None),
    ("Michael Jackson doctor", None, None),
    ("Syria Assad", None, None),
    ("Haiti earthquake", None, None),
    ("financial crisis bank", None, None),
    ("Iraq war", None, None),
    ("oil spill", "2010-05-01", "2010-07-31"),
    ("Gaddafi", "2011-08-01", "2011-10-31"),
]


def data_dir() -> Path:
    return Path(os.environ.get("DATELINE_DATA") or BENCH.parent.parent / "shared" / "data")


def timeline17() -> Path:
    """Timeline17 in the shared data; stops the benchmark, saying where it looked, when absent."""
    t17 = data_dir() / "t17"
    if not t17.is_dir():
        raise SystemExit(f"Timeline17 not found at {t17} (set DATELINE_DATA)")
    return t17


def dateline_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dateline.cli.app import main; main()", *args]


def ingest(t17: Path, store: Path) -> dict[str, object]:
    """Ingest Timeline17 into the new store ``store``; stops the benchmark if it fails."""
    started = time.perf_counter()
    result = subprocess.run(
        dateline_command("ingest", str(t17), "--db", str(store), "--quiet"), capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode not in INGEST_OK or not store.exists():
        raise SystemExit(f"the ingest failed (exit {result.returncode}): {result.stderr[-2000:]}")
    return {"ingest_seconds": round(seconds, 1), "ingest_output": result.stdout.strip()}


def request_mix(t17: Path) -> list[dict[str, str]]:
    """The distinct requests the clients choose from (see the module docstring)."""
    mix = []
    for folder in sorted(path for path in t17.iterdir() if (path / "keywords.json").is_file()):
        keywords = " ".join(json.loads((folder / "keywords.json").read_text()))
        for dates, sentences in ((10, 2), (20, 1)):
            mix.append({"query": keywords, "collection": folder.name, "dates": str(dates), "sentences": str(sentences)})
    for query, start, end in FREE_TEXT:
        params = {"query": query, "dates": "10", "sentences": "2"}
        if start:
            params |= {"from": start, "to": end}
        mix.append(params)
    return mix


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store: Path, port: int, cache_entries: int, concurrent_builds: int, *options: str) -> subprocess.Popen:
    """``dateline serve`` on 127.0.0.1:``port`` with further ``options``, once it answers."""
    server = subprocess.Popen(
        dateline_command(
            "serve",
            "--db",
            str(store),
            "--port",
            str(port),
            "--cache-entries",
            str(cache_entries),
            "--concurrent-builds",
            str(concurrent_builds),
            *options,
        ),
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(latencies: list[float]) -> dict[str, float]:
    if not latencies:
        return {}
    return {
        name: round(percentile(latencies, share) * 1000, 1)
        for name, share in (("p50_ms", 0.5), ("p95_ms", 0.95), ("p99_ms", 0.99), ("max_ms", 1.0))
    }


async def load(
    base: str, mix: list[dict[str, str]], clients: int, duration: float, address: Callable[[int], str] | None = None
) -> dict:
    """``clients`` clients, each waiting for its answer before its next request, for
    ``duration`` seconds; client N connects from ``address(N)`` when given (a loopback
    address of its own, so that the server sees separate clients)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    deadline = time.perf_counter() + duration

    async def client_loop(number: int) -> None:
        chooser = random.Random(number)
        limits = httpx.Limits(max_connections=1)
        transport = httpx.AsyncHTTPTransport(local_address=address(number)) if address else None
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, transport=transport) as client:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await client.get("/api/timeline", params=chooser.choice(mix))
                    outcome = None if response.status_code == 200 else f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    outcome = type(error).__name__
                latencies.append(time.perf_counter() - started)
                if outcome:
                    errors[outcome] = errors.get(outcome, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(number) for number in range(clients)))
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        **summary(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--cache-entries", type=int, default=256, help="the server's timeline cache")
    parser.add_argument("--concurrent-builds", type=int, default=2, help="the server's build slots")
    parser.add_argument("--output", type=Path, default=RESULTS / "api.json")
    args = parser.parse_args()
    t17 = timeline17()
    metadata = run_metadata()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-api-") as scratch:
        store = Path(scratch) / "t17.db"
        ingested = ingest(t17, store)
        load_before = os.getloadavg()[0]
        mix = request_mix(t17)
        port = free_port()
        server = start_server(store, port, args.cache_entries, args.concurrent_builds)
        base = f"http://127.0.0.1:{port}"
        try:
            cold_start = asyncio.run(load(base, mix, args.clients, args.duration))
            warm = asyncio.run(load(base, mix, args.clients, args.duration))
            peak_rss = peak_rss_bytes(server.pid)
            health = httpx.get(f"{base}/api/health").json()
        finally:
            server.terminate()
            server.wait(timeout=30)
    if not health["articles"]:
        raise SystemExit("the store the server read holds no article")
    report = {
        "metadata": metadata,
        "endpoint": "GET /api/timeline",
        "store": {"articles": health["articles"], **ingested},
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "distinct_requests": len(mix),
        "clients": args.clients,
        "duration_s": args.duration,
        "cold_start": cold_start,
        "warm": warm,
        "server": {
            "cache_entries": args.cache_entries,
            "concurrent_builds": args.concurrent_builds,
            "cache": health["cache"],
            "peak_rss_mib": round(peak_rss / 2**20, 1),
        },
        "target": "zero errors and p95 < 1000 ms with 20 clients for 30 s (steady state: the warm phase)",
        "met": meets_target(warm),
        "met_from_cold_start": meets_target(cold_start),
    }
    write_results(args.output, report, RESULT_KEYS["api.json"])
    print_table(report)


def meets_target(phase: dict) -> bool:
    return phase["errors"] == 0 and phase.get("p95_ms", float("inf")) < 1000


def peak_rss_bytes(pid: int) -> int:
    """VmHWM, the process's peak resident set, from /proc (bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def print_table(report: dict) -> None:
    print(
        f"GET /api/timeline on {report['store']['articles']} articles, {report['distinct_requests']} distinct "
        f"requests, {report['clients']} clients x {report['duration_s']:g} s per phase, "
        f"{report['metadata']['machine']['cores']} CPUs (load average {report['load_average_1min']}), "
        f"cache {report['server']['cache_entries']} entries, {report['server']['concurrent_builds']} build slots"
    )
    print("| phase | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for name, label in (("cold_start", "cold start (empty cache)"), ("warm", "warm")):
        run = report[name]
        print(
            f"| {label} | {run['requests']} | {run['requests_per_s']} | {run.get('p50_ms')} | {run.get('p95_ms')} "
            f"| {run.get('p99_ms')} | {run.get('max_ms')} | {run['errors']} |"
        )
    print(
        f"server peak RSS {report['server']['peak_rss_mib']} MiB; cache {report['server']['cache']}; "
        f"target met: warm {report['met']}, from cold start {report['met_from_cold_start']}"
    )


if __name__ == "__main__":
    main()
