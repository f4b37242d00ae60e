"""kill -9 during an ingest loses nothing and corrupts nothing: after each kill the store
(every shard of a sharded one) checks consistent, and re-running the same ingest ends
with exactly the articles (and sentences and time mentions) of an uninterrupted run.
``bench/bench_crash.py`` runs the same trials, 10 or more, on all of Timeline17."""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

import psutil
import pytest

import crash_harness
from crash_harness import Mode, Trial, crash_trial, frozen_package, kill_group, kill_points, run_baseline

TRIALS = 3
# Small batches: the 340 articles are committed in a dozen transactions, so a kill at a
# random moment usually falls between some of them, or inside one.
OPTIONS = ("--batch-size", "32")
# The kills fall in the first 80% of the baseline's work (of 95% of it, see
# ``kill_points``), so that a run somewhat faster than the baseline is still running;
# one much faster (the baseline slowed by a busy machine) may have ended, and that
# trial still checks the resume, but at least one kill must land mid-ingest.
KILL_SPAN = 0.8
SHARDED = Mode(shards=4)
SHARDED_ON_DASK = Mode(shards=4, dask_workers=2)


@pytest.mark.slow
def test_kill_9_at_random_points_then_resume_loses_and_duplicates_nothing(
    t17_subset: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", frozen_package(tmp_path / "code"))
    baseline = run_baseline(t17_subset, tmp_path / "baseline.db", OPTIONS)
    expected = len(baseline.contents.ids)
    assert expected, "the uninterrupted ingest stored nothing"
    seed = random.randrange(1 << 32)
    partly_stored = []
    for trial, kill_after in enumerate(kill_points(TRIALS, KILL_SPAN * baseline.work_seconds, random.Random(seed))):
        result = crash_trial(t17_subset, tmp_path / f"trial{trial}.db", kill_after, baseline, OPTIONS)
        context = f"trial {trial} (seed {seed}): {result.to_dict()}"
        partly_stored.append(result.killed_while_running and 0 < result.stored_at_kill < expected)
        assert result.consistent_after_kill, context
        assert result.resume_exit_code == baseline.exit_code, context
        assert (result.lost, result.duplicated, result.unexpected) == (0, 0, 0), context
        assert result.stored_after_resume == expected, context
        assert result.sentences_match and result.mentions_match, context
        assert result.consistent_after_resume, context
    # One more kill, right after the first batch is stored, lands mid-ingest however fast
    # this run is compared with the baseline.
    result = crash_trial(t17_subset, tmp_path / "first_commit.db", 0, baseline, OPTIONS, from_first_commit=True)
    context = f"killed after the first commit: {result.to_dict()}"
    partly_stored.append(result.killed_while_running and 0 < result.stored_at_kill < expected)
    assert any(partly_stored), "no kill landed while the ingest was running, after a commit and before the last"
    assert (result.lost, result.duplicated, result.unexpected) == (0, 0, 0), context
    assert result.ok and result.stored_after_resume == expected, context


@pytest.mark.slow
def test_kill_9_of_a_sharded_ingest_leaves_every_shard_consistent_and_a_rerun_completes_it(
    t17_subset: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two trials on a folder of 4 shards, against one uninterrupted sharded ingest (a
    sharded store holds the same whether its shards are written here or on Dask workers,
    ``tests/scale/test_sharded_dask.py``): a kill at a random moment of a local ingest,
    and one right after the first commit of an ingest on a local Dask cluster of two
    workers, which write the shards, so that the kill hits writers on workers."""
    monkeypatch.setenv("PYTHONPATH", frozen_package(tmp_path / "code"))
    baseline = run_baseline(t17_subset, SHARDED.store(tmp_path, "baseline"), OPTIONS, SHARDED)
    expected = len(baseline.contents.ids)
    assert expected, "the uninterrupted ingest stored nothing"
    seed = random.randrange(1 << 32)
    [kill_after] = kill_points(1, KILL_SPAN * baseline.work_seconds, random.Random(seed))
    local = crash_trial(t17_subset, SHARDED.store(tmp_path, "local"), kill_after, baseline, OPTIONS, mode=SHARDED)
    assert_completed(local, baseline.exit_code, expected, f"local, seed {seed}")
    on_dask = crash_trial(
        t17_subset, SHARDED.store(tmp_path, "dask"), 0, baseline, OPTIONS, from_first_commit=True, mode=SHARDED_ON_DASK
    )
    assert on_dask.killed_while_running and 0 < on_dask.stored_at_kill < expected, on_dask.to_dict()
    assert on_dask.processes_killed > SHARDED_ON_DASK.dask_workers, "the Dask workers were not running"
    assert_completed(on_dask, baseline.exit_code, expected, "on Dask, killed after the first commit")


def test_a_process_that_left_the_killed_group_is_reported_and_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    # As a writer that moved to a session of its own would: the group's kill misses it.
    monkeypatch.setattr(crash_harness, "GONE_WITHIN_SECONDS", 0.5)
    process = subprocess.Popen(["sh", "-c", "setsid sleep 60 & sleep 60"], start_new_session=True)
    while True:  # until both have started, one in a session of its own
        children = psutil.Process(process.pid).children()
        escaped = [child for child in children if child.pid == os.getsid(child.pid)]
        if len(children) == 2 and escaped:
            break
        time.sleep(0.01)
    assert kill_group(process) == (3, ["sleep 60"])
    escaped[0].wait(timeout=5)


def assert_completed(trial: Trial, exit_code: int, expected: int, name: str) -> None:
    """No process outlived the kill, every shard was consistent after it and after the
    resume, and the resume ended with exactly the uninterrupted run's articles."""
    context = f"{name}: {trial.to_dict()}"
    assert not trial.left_running, context
    assert trial.consistent_after_kill, context
    assert trial.resume_exit_code == exit_code, context
    assert (trial.lost, trial.duplicated, trial.unexpected) == (0, 0, 0), context
    assert trial.stored_after_resume == expected, context
    assert trial.sentences_match and trial.mentions_match, context
    assert trial.consistent_after_resume, context
