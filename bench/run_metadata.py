"""What every benchmark records about its run, and the one way its results are written.

A figure in the docs is only traceable if its results file says which source, machine and
command made it, and if every key in the file was written by that command, not merged in
by hand from another run. So each ``bench/*.py`` script:

1. declares, at module level and as a literal, the keys of each results file it writes::

       RESULT_KEYS = {"scale.json": {"": ("metadata", "runs", ...),
                                     "runs.*": ("ingest", "timelines")}}

   A file name may be a glob (``"tagger*.json"``). Its value is either a tuple of the
   file's top-level keys, or a mapping from a path (``""`` for the top level; dotted
   names, ``*`` for any key) to the keys allowed in every object at that path.
   Objects at paths not declared (per-query or per-topic maps) are not checked.
2. calls ``run_metadata()`` when it starts, and stores it under ``"metadata"``;
3. writes each file with ``write_results``, which refuses a key not declared.

``tests/test_bench_results.py`` checks every committed ``bench/results/*.json`` against
the declaration of the one script that claims it (read from its source, not imported).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METADATA_FIELDS = ("git_commit", "uncommitted_source_files", "date", "machine", "command")
MACHINE_FIELDS = ("cpu", "cores")

Declaration = tuple[str, ...] | Mapping[str, tuple[str, ...]]


def run_metadata() -> dict[str, object]:
    """Where, when and from what source this run was made; taken when the run starts,
    since the figures depend on the source as it was then, committed or not."""

    def git(*command: str) -> str:
        return subprocess.run(["git", *command], capture_output=True, text=True, cwd=ROOT).stdout.strip()

    return {
        "git_commit": git("rev-parse", "HEAD"),
        "uncommitted_source_files": git("status", "--porcelain", "--", "src", "bench").splitlines(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
        },
        "load_average_1_5_15_at_start": [round(load, 2) for load in os.getloadavg()],
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }


def cpu_model() -> str:
    """The CPU's model name (/proc/cpuinfo on Linux)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def write_results(path: Path, results: Mapping[str, object], declared: Declaration, indent: int = 2) -> None:
    """Write ``results`` as JSON to ``path``, after checking that it holds the run's
    metadata and only the keys ``declared`` (the script's ``RESULT_KEYS`` entry)."""
    problems = undeclared_keys(results, declared)
    if problems:
        raise ValueError(f"{path.name}: keys its script does not declare in RESULT_KEYS: {problems}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=indent) + "\n", encoding="utf-8")


def undeclared_keys(results: Mapping[str, object], declared: Declaration) -> list[str]:
    """Every key of ``results`` that ``declared`` does not allow (as ``path.key``), and
    what is missing of the metadata; empty when the file is as its script writes it."""
    paths = {"": tuple(declared)} if isinstance(declared, tuple) else dict(declared)
    problems = [
        f"{path + '.' if path else ''}{key}"
        for pattern, allowed in paths.items()
        for path, value in objects_at(results, pattern)
        for key in value
        if key not in allowed
    ]
    metadata = results.get("metadata")
    if not isinstance(metadata, Mapping):
        return [*problems, "metadata (missing)"]
    problems += [
        f"metadata.{field} (missing)"
        for field in METADATA_FIELDS
        if field not in metadata or metadata[field] in ("", None, {})
    ]
    machine = metadata.get("machine")
    problems += [
        f"metadata.machine.{field} (missing)"
        for field in MACHINE_FIELDS
        if not isinstance(machine, Mapping) or not machine.get(field)
    ]
    return problems


def objects_at(value: object, pattern: str, path: str = "") -> Iterator[tuple[str, Mapping[str, object]]]:
    """The objects of ``value`` at the dotted ``pattern`` (``*``: any key), with their paths."""
    if not isinstance(value, Mapping):
        return
    if not pattern:
        yield path, value
        return
    head, _, rest = pattern.partition(".")
    for key, child in value.items():
        if fnmatch.fnmatchcase(key, head):
            yield from objects_at(child, rest, f"{path}.{key}" if path else key)


def declaration_for(name: str, declarations: Mapping[str, Declaration]) -> Declaration | None:
    """The entry of ``declarations`` (one script's ``RESULT_KEYS``) whose name or glob
    matches the results file ``name``."""
    return next((keys for pattern, keys in declarations.items() if fnmatch.fnmatchcase(name, pattern)), None)
