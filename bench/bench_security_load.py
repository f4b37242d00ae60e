"""One abusive client against 20 well-behaved ones (issue 22): does the per-client limit
on uncached timeline builds keep the others' latency where it is without abuse?

    .venv/bin/python bench/bench_security_load.py [--clients 20] [--duration 30] [--abusers 8]

1. Ingests Timeline17 (``$DATELINE_DATA/t17``) into a fresh temporary store, as
   ``bench_api.py`` does, and uses its request mix (45 distinct timelines).
2. For each server setting, ``limited`` (``--builds-per-minute 20 --writes-per-minute
   30``, what ``dateline serve`` uses beyond loopback) and ``unlimited`` (``0``): starts
   ``dateline serve`` on 127.0.0.1, builds every timeline of the mix once (a warm
   cache, as in ``bench_api.py``'s steady state), then runs two phases of
   ``--duration`` seconds:
   - ``baseline``: ``--clients`` well-behaved clients, each from its own loopback address
     (127.0.1.N, so the server sees separate clients), each asking for a timeline of the
     mix and waiting for the answer before the next;
   - ``abused``: the same, while one abusive client (127.0.2.1) keeps ``--abusers``
     requests in flight, each for a timeline never asked before (a new ``from`` date
     each time), so every one is an uncached build.
3. Reports, per setting and phase, the well-behaved clients' latency percentiles and
   errors (any answer but 200), and what the abusive client got (200s, 429s).

Writes ``bench/results/security_load.json``. Client and server share the machine's CPUs;
its load average is recorded, since other work on the machine skews every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import random
import tempfile
import time
from pathlib import Path

import httpx

from bench_api import (
    RESULTS,
    free_port,
    ingest,
    load,
    peak_rss_bytes,
    request_mix,
    start_server,
    timeline17,
)
from run_metadata import run_metadata, write_results

RESULT_KEYS = {
    "security_load.json": {
        "": (
            "metadata",
            "store",
            "distinct_requests",
            "clients",
            "abuser_connections",
            "duration_s",
            "settings",
            "target",
            "met",
        ),
        "store": ("articles", "ingest_seconds", "ingest_output"),
        "settings.*": ("serve_options", "baseline", "abused", "load_average_1min", "server_peak_rss_mib", "cache"),
        "settings.*.baseline": ("others", "abuser"),
        "settings.*.abused": ("others", "abuser"),
        "settings.*.*.others": (
            "requests",
            "seconds",
            "requests_per_s",
            "errors",
            "errors_by_kind",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "max_ms",
        ),
        "settings.*.*.abuser": ("requests", "ok", "limited", "other"),
    }
}
SETTINGS = {
    "limited": ("--builds-per-minute", "20", "--writes-per-minute", "30"),
    "unlimited": ("--builds-per-minute", "0", "--writes-per-minute", "0"),
}
ABUSER_ADDRESS = "127.0.2.1"
FIRST_DAY = dt.date(2000, 1, 1)


def client_address(number: int) -> str:
    return f"127.0.1.{number + 1}"


async def abuser(base: str, mix: list[dict[str, str]], connections: int, deadline: float) -> dict[str, int]:
    """Keeps ``connections`` requests for never-seen timelines in flight until ``deadline``."""
    days = itertools.count()
    counts = {"requests": 0, "ok": 0, "limited": 0, "other": 0}
    transport = httpx.AsyncHTTPTransport(local_address=ABUSER_ADDRESS)
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=base, timeout=120, transport=transport, limits=limits) as client:

        async def one_connection(number: int) -> None:
            chooser = random.Random(1000 + number)
            while time.perf_counter() < deadline:
                day = FIRST_DAY + dt.timedelta(days=next(days))
                params = chooser.choice(mix) | {"from": day.isoformat()}
                params.pop("to", None)
                counts["requests"] += 1
                try:
                    status = (await client.get("/api/timeline", params=params)).status_code
                except httpx.HTTPError:
                    status = None
                key = "ok" if status == 200 else "limited" if status == 429 else "other"
                counts[key] += 1

        await asyncio.gather(*(one_connection(number) for number in range(connections)))
    return counts


async def phase(base: str, mix: list[dict[str, str]], clients: int, duration: float, abusers: int) -> dict:
    """The well-behaved clients (``bench_api.load``, each from its own address) for
    ``duration`` seconds, beside the abusive client when ``abusers`` is not 0."""
    deadline = time.perf_counter() + duration
    others, bad = await asyncio.gather(
        load(base, mix, clients, duration, client_address),
        abuser(base, mix, abusers, deadline) if abusers else asyncio.sleep(0),
    )
    return {"others": others, "abuser": bad or {"requests": 0, "ok": 0, "limited": 0, "other": 0}}


def warm_up(base: str, mix: list[dict[str, str]]) -> None:
    """Every timeline of the mix built once, each from a client address of its own (so
    the warm-up itself is not limited)."""
    for number, params in enumerate(mix):
        transport = httpx.HTTPTransport(local_address=f"127.0.3.{number % 250 + 1}")
        with httpx.Client(base_url=base, timeout=120, transport=transport) as client:
            response = client.get("/api/timeline", params=params)
            if response.status_code != 200:
                raise SystemExit(f"warm-up request failed: HTTP {response.status_code} {response.text[:200]}")


def run_setting(store: Path, mix: list[dict[str, str]], options: tuple[str, ...], args: argparse.Namespace) -> dict:
    port = free_port()
    server = start_server(store, port, 256, 2, *options)
    base = f"http://127.0.0.1:{port}"
    try:
        load_before = os.getloadavg()[0]
        warm_up(base, mix)
        baseline = asyncio.run(phase(base, mix, args.clients, args.duration, 0))
        abused = asyncio.run(phase(base, mix, args.clients, args.duration, args.abusers))
        health = httpx.get(f"{base}/api/health").json()
        peak_rss = peak_rss_bytes(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "serve_options": " ".join(options),
        "baseline": baseline,
        "abused": abused,
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "server_peak_rss_mib": round(peak_rss / 2**20, 1),
        "cache": health["cache"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per phase")
    parser.add_argument("--abusers", type=int, default=8, help="requests the abusive client keeps in flight")
    parser.add_argument("--output", type=Path, default=RESULTS / "security_load.json")
    args = parser.parse_args()
    t17 = timeline17()
    metadata = run_metadata()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-security-") as scratch:
        store = Path(scratch) / "t17.db"
        ingested = ingest(t17, store)
        mix = request_mix(t17)
        settings = {name: run_setting(store, mix, options, args) for name, options in SETTINGS.items()}
        articles = stored_articles(store)
    limited = settings["limited"]["abused"]
    report = {
        "metadata": metadata,
        "store": {"articles": articles, **ingested},
        "distinct_requests": len(mix),
        "clients": args.clients,
        "abuser_connections": args.abusers,
        "duration_s": args.duration,
        "settings": settings,
        "target": "with the default limit, while one client floods uncached builds, the other clients get no "
        "error and a p95 below 1000 ms, and the abusive client is answered 429",
        "met": (
            limited["others"]["errors"] == 0
            and limited["others"].get("p95_ms", float("inf")) < 1000
            and limited["abuser"]["limited"] > 0
        ),
    }
    write_results(args.output, report, RESULT_KEYS["security_load.json"])
    print_table(report)


def stored_articles(store: Path) -> int:
    from dateline.store import Store

    with Store.open(store, create=False) as opened:
        return opened.count_articles()


def print_table(report: dict) -> None:
    print(
        f"{report['clients']} well-behaved clients and 1 abusive client ({report['abuser_connections']} requests "
        f"in flight, each a new timeline), {report['duration_s']:g} s per phase, {report['store']['articles']} "
        f"articles"
    )
    print(
        "| server | phase | others: requests | p50 ms | p95 ms | p99 ms | max ms | errors "
        "| abuser: requests | 200 | 429 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, setting in report["settings"].items():
        for phase_name in ("baseline", "abused"):
            others, bad = setting[phase_name]["others"], setting[phase_name]["abuser"]
            print(
                f"| {name} | {phase_name} | {others['requests']} | {others.get('p50_ms')} | {others.get('p95_ms')} "
                f"| {others.get('p99_ms')} | {others.get('max_ms')} | {others['errors']} | {bad['requests']} "
                f"| {bad['ok']} | {bad['limited']} |"
            )
    print(f"target met: {report['met']}")


if __name__ == "__main__":
    main()
