"""Quality floors: every method's Timeline17 scores under the standard protocol.

The scores are deterministic, so each is pinned to the third decimal: a change that
lowers any of them by 0.001 fails here. A change that lowers quality on purpose must
lower the floor in the same commit and say why in its message; a change that raises it
should raise the floor, so that the next change cannot give the gain back unnoticed.

The figures are those of ``dateline eval ../shared/data/t17 --method NAME`` and the
closed Timeline17 rows of ``bench/results/quality.json`` (``bench/bench_quality.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.evaluate.metrics import macro_average
from dateline.evaluate.protocol import ensure_dataset_store, find_tasks, run_task
from dateline.store import Store
from dateline.timeline import get_method

# method -> (AR1-F, AR2-F, Date-F1), macro-averaged over the 19 Timeline17 tasks.
T17_FLOORS = {
    "salience": (0.144, 0.058, 0.583),
    "datewise": (0.120, 0.042, 0.551),
    "clust": (0.080, 0.021, 0.504),
}


@pytest.fixture(scope="module")
def t17_store(tmp_path_factory: pytest.TempPathFactory, data_root: Path) -> Iterator[tuple[Path, Store]]:
    dataset = data_root / "t17"
    if not dataset.is_dir():
        pytest.skip(f"Timeline17 not found at {dataset} (set DATELINE_DATA)")
    db = ensure_dataset_store(dataset, tmp_path_factory.mktemp("t17"))
    with Store.open(db) as store:
        yield dataset, store


@pytest.mark.slow
@pytest.mark.parametrize("method", sorted(T17_FLOORS))
def test_timeline17_scores_stay_at_their_floor(method: str, t17_store: tuple[Path, Store]) -> None:
    dataset, store = t17_store
    tasks = find_tasks(dataset)
    assert len(tasks) == 19
    chosen = get_method(method)
    mean = macro_average([run_task(store, task, chosen).scores for task in tasks])
    measured = (mean.align_r1.f1, mean.align_r2.f1, mean.date.f1)
    floors = T17_FLOORS[method]
    below = [
        (name, round(value, 4), floor)
        for name, value, floor in zip(("AR1-F", "AR2-F", "Date-F1"), measured, floors, strict=True)
        if round(value, 3) < floor
    ]
    assert not below, f"{method} fell below its Timeline17 floor (name, measured, floor): {below}"
