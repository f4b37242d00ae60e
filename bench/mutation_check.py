"""Mutation check of the core: does the test suite notice when one operator flips?

    .venv/bin/python bench/mutation_check.py [--per-area 20] [--seed 25] [--timeout 180]
                                             [--areas metrics ...] [--work /tmp/dateline-mutation]
    .venv/bin/python bench/mutation_check.py --replay bench/results/mutation.json

For each area of the core (tagger normalization, date ranking, metric computation, store
writes) this takes the committed tree (``git archive HEAD``: never the working tree,
which others edit) into ``--work``, lists every place in the area's source files where
one token can be flipped (a comparison, an arithmetic or Boolean operator, ``True`` and
``False``, a small integer), samples ``--per-area`` of them with ``--seed``, and for each
one changes that token alone in the copy, runs the area's focused tests with a time limit,
and restores the file. A mutant is *killed* when the tests fail or run past the limit,
*survives* when they pass; one that does not compile, or after which pytest cannot run,
is not counted. The survivors, each
with its line, are the places where the tests do not pin the behaviour (or where the flip
changes nothing: an equivalent mutant, such as ``<`` against ``<=`` on values that are
never equal).

Writes ``bench/results/mutation.json`` (per area: sites, sampled, killed, survivors) and
prints a Markdown table. ``--replay FILE`` runs again exactly the survivors of an earlier
run (each found by its line of code, which may have moved) on today's committed tree,
to see which the tests added since now kill; it writes ``mutation_replay.json``.
``docs/mutation.md`` says how to read both and what was done about the survivors.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import time
import tokenize
from dataclasses import asdict, dataclass
from pathlib import Path

from run_metadata import run_metadata, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
RESULT_KEYS = {
    "mutation.json": ("metadata", "seed", "per_area", "timeout_s", "areas"),
    "mutation_replay.json": ("metadata", "replayed", "timeout_s", "areas"),
}


@dataclass(frozen=True)
class Area:
    """Source files (under src/dateline), the focused tests every mutant meets, and the
    slower tests on real data that only the focused tests' survivors meet."""

    files: tuple[str, ...]
    focused: tuple[str, ...]
    wider: tuple[str, ...] = ()


# The core the issue names.
AREAS = {
    "tagger normalization": Area(
        (
            "temporal/values.py",
            "temporal/relative.py",
            "temporal/calendar_math.py",
            "temporal/explicit.py",
            "temporal/durations.py",
        ),
        (
            "tests/temporal/test_values.py",
            "tests/temporal/test_tag_properties.py",
            "tests/temporal/test_tag_tense_and_anaphora.py",
            "tests/temporal/test_tag_golden.py",
            "tests/temporal/test_golden.py",
            "tests/temporal/test_calendar_resolution.py",
        ),
        ("tests/temporal/test_reference_data.py",),
    ),
    "date ranking": Area(
        ("timeline/methods/salience.py", "timeline/methods/datewise.py", "timeline/dated_summaries.py"),
        (
            "tests/timeline/test_salience.py",
            "tests/timeline/test_datewise.py",
            "tests/timeline/test_date_sanity.py",
            "tests/timeline/test_date_containment.py",
        ),
        ("tests/evaluate/test_quality_floors.py",),
    ),
    "metric computation": Area(
        ("evaluate/metrics.py", "evaluate/alignment.py", "evaluate/prf.py", "evaluate/ngrams.py"),
        (
            "tests/evaluate/test_metrics_golden.py",
            "tests/evaluate/test_alignment.py",
            "tests/evaluate/test_metrics_properties.py",
            "tests/evaluate/test_measures.py",
        ),
    ),
    "store writes": Area(
        ("store/bulk.py", "store/duplicates.py", "store/spans.py", "store/mentions.py"),
        (
            "tests/store/test_store.py",
            "tests/scale/test_near_duplicates.py",
            "tests/store/test_spans_fit.py",
            "tests/store/test_duplicate_candidates.py",
        ),
    ),
}

# One token for another: each flip is a plausible slip that a test should notice.
FLIPS = {
    "<": "<=",
    "<=": "<",
    ">": ">=",
    ">=": ">",
    "==": "!=",
    "!=": "==",
    "+": "-",
    "-": "+",
    "*": "/",
    "/": "*",
    "//": "/",
    "%": "//",
    "and": "or",
    "or": "and",
    "True": "False",
    "False": "True",
    "in": "not in",
}


@dataclass(frozen=True)
class Site:
    """One token that can be flipped: ``path`` relative to src/dateline, 1-based line."""

    path: str
    line: int
    column: int
    original: str
    replacement: str


def sites(source: str, path: str) -> list[Site]:
    """Every flippable token of ``source``: operators and keywords of ``FLIPS``, and small
    integer literals (n to n + 1). ``in`` inside ``for ... in`` is left alone."""
    found = []
    previous: list[str] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        line, column = token.start
        for_in = token.type == tokenize.NAME and text == "in" and "for" in previous
        if token.type in (tokenize.OP, tokenize.NAME) and text in FLIPS and not for_in:
            found.append(Site(path, line, column, text, FLIPS[text]))
        elif token.type == tokenize.NUMBER and text.isdigit() and int(text) < 1000:
            found.append(Site(path, line, column, text, str(int(text) + 1)))
        if token.type == tokenize.NEWLINE:
            previous = []
        elif token.type == tokenize.NAME:
            previous.append(text)
    return found


def mutated(source: str, site: Site) -> str:
    lines = source.splitlines(keepends=True)
    text = lines[site.line - 1]
    assert text[site.column : site.column + len(site.original)] == site.original, site
    lines[site.line - 1] = text[: site.column] + site.replacement + text[site.column + len(site.original) :]
    return "".join(lines)


def copy_committed_tree(work: Path) -> Path:
    """``src``, ``tests`` and ``examples`` of HEAD, unpacked into a new ``work``."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD", "src", "tests", "examples"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(work, filter="data")
    return work


def run_tests(work: Path, tests: tuple[str, ...], timeout: float, slow: bool = False) -> tuple[str, float]:
    """``passed``, ``failed`` or ``timeout``, and the seconds it took; tests marked slow
    run only when ``slow``."""
    environment = os.environ | {
        "PYTHONPATH": str(work / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DATELINE_DATA": os.environ.get("DATELINE_DATA") or str(ROOT.parent / "shared" / "data"),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        *([] if slow else ["-m", "not slow"]),
        *tests,
    ]
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=work, env=environment, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", round(time.monotonic() - started, 1)
    # 1: a test failed; 2: collection failed (the mutant broke an import). Others (5: no
    # test ran) say nothing about the mutant.
    codes = {0: "passed", 1: "failed", 2: "failed"}
    return codes.get(result.returncode, f"pytest exit {result.returncode}"), round(time.monotonic() - started, 1)


def replayed_sites(source: str, path: str, survivors: list[dict]) -> list[Site]:
    """The sites of ``survivors`` (of an earlier run) in today's ``source``: the line that
    reads as the survivor's ``code`` did, the same token at the same column."""
    lines = [line.strip() for line in source.splitlines()]
    return [
        site
        for survivor in survivors
        if survivor["path"] == path
        for site in sites(source, path)
        if lines[site.line - 1] == survivor["code"]
        and site.column == survivor["column"]
        and (site.original, site.replacement) == (survivor["original"], survivor["replacement"])
    ]


def check_area(
    work: Path,
    name: str,
    area: Area,
    sample: int,
    chooser: random.Random,
    timeout: float,
    replay: list[dict] | None = None,
) -> dict[str, object]:
    """The area's baseline runs, then ``sample`` mutants of its files (or the survivors
    ``replay`` of an earlier run), one at a time."""
    baseline, seconds = run_tests(work, area.focused, timeout)
    wider, wider_seconds = run_tests(work, area.wider, timeout, slow=True) if area.wider else ("passed", 0.0)
    report: dict[str, object] = {
        "files": list(area.files),
        "tests": list(area.focused),
        "wider_tests": list(area.wider),
        "baseline": baseline,
        "baseline_s": seconds,
        "wider_baseline": wider,
        "wider_baseline_s": wider_seconds,
    }
    if baseline != "passed":
        return report
    if wider != "passed":  # a floor already broken on HEAD can tell nothing about a mutant
        area = Area(area.files, area.focused)
    files = area.files
    package = work / "src" / "dateline"
    sources = {path: (package / path).read_text(encoding="utf-8") for path in files}
    every = [site for path, source in sources.items() for site in sites(source, path)]
    chosen = (
        chooser.sample(every, min(sample, len(every)))
        if replay is None
        else [site for path, source in sources.items() for site in replayed_sites(source, path, replay)]
    )
    outcomes: list[dict[str, object]] = []
    for site in chosen:
        source = sources[site.path]
        changed = mutated(source, site)
        try:
            compile(changed, site.path, "exec")
        except SyntaxError:
            outcomes.append(asdict(site) | {"outcome": "invalid"})
            continue
        (package / site.path).write_text(changed, encoding="utf-8")
        try:
            outcome, took = run_tests(work, area.focused, timeout)
            if outcome == "passed" and area.wider:
                wider, extra = run_tests(work, area.wider, timeout, slow=True)
                outcome, took = ("passed" if wider == "passed" else f"{wider} (wider)"), round(took + extra, 1)
        finally:
            (package / site.path).write_text(source, encoding="utf-8")
        code = source.splitlines()[site.line - 1].strip()
        outcomes.append(asdict(site) | {"outcome": outcome, "seconds": took, "code": code})
        print(
            f"{name}: {site.path}:{site.line} {site.original!r} -> {site.replacement!r}: {outcome} ({took} s)",
            file=sys.stderr,
            flush=True,
        )
    counted = [o for o in outcomes if str(o["outcome"]).split()[0] in ("passed", "failed", "timeout")]
    killed = [o for o in counted if o["outcome"] != "passed"]
    report |= {
        "sites": len(every),
        "sampled": len(outcomes),
        "not_counted": len(outcomes) - len(counted),
        "mutants": len(counted),
        "killed": len(killed),
        "killed_by_wider_tests": sum(str(o["outcome"]).endswith("(wider)") for o in killed),
        "killed_share": round(len(killed) / len(counted), 3) if counted else None,
        "survivors": [o for o in counted if o["outcome"] == "passed"],
        "killed_mutants": killed,
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-area", type=int, default=20, help="mutants sampled per area")
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per test run")
    parser.add_argument("--areas", nargs="+", choices=list(AREAS), default=list(AREAS))
    parser.add_argument("--work", type=Path, default=Path("/tmp/dateline-mutation"))
    parser.add_argument("--replay", type=Path, help="run again the survivors of this earlier results file")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    replay = json.loads(args.replay.read_text(encoding="utf-8"))["areas"] if args.replay else None
    output = args.output or RESULTS / ("mutation_replay.json" if replay else "mutation.json")
    metadata = run_metadata()
    work = copy_committed_tree(args.work)
    probe = subprocess.run(
        [sys.executable, "-c", "import dateline; print(dateline.__file__)"],
        env=os.environ | {"PYTHONPATH": str(work / "src")},
        capture_output=True,
        text=True,
    )
    if not probe.stdout.startswith(str(work)):
        raise SystemExit(f"the copy is not the package the tests would import: {probe.stdout or probe.stderr}")
    chooser = random.Random(args.seed)
    areas = {}
    for name in args.areas:
        if replay is None:
            areas[name] = check_area(work, name, AREAS[name], args.per_area, chooser, args.timeout)
            results = {
                "metadata": metadata,
                "seed": args.seed,
                "per_area": args.per_area,
                "timeout_s": args.timeout,
                "areas": areas,
            }
        else:
            survivors = replay.get(name, {}).get("survivors", [])
            areas[name] = check_area(work, name, AREAS[name], 0, chooser, args.timeout, survivors)
            areas[name]["replayed_survivors"] = len(survivors)
            results = {"metadata": metadata, "replayed": str(args.replay), "timeout_s": args.timeout, "areas": areas}
        write_results(output, results, RESULT_KEYS[output.name])
    shutil.rmtree(work, ignore_errors=True)
    print("| area | sites | mutants run | killed | of which by the wider tests | survived |\n|---|---|---|---|---|---|")
    for name, area in areas.items():
        print(
            f"| {name} | {area.get('sites')} | {area.get('mutants')} | {area.get('killed')} | "
            f"{area.get('killed_by_wider_tests')} | {len(area.get('survivors', []))} |"
        )  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
