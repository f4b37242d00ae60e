"""The docs' generated parts (figures from bench/results, the CLI reference) are current."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """docs/generate.py, loaded as a module (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_generate", REPO_ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_generated_block_matches_its_source(generate: ModuleType) -> None:
    stale = generate.stale(generate.pages(), generate.RESULTS)
    assert not stale, f"stale generated text in {[p.name for p in stale]}: run `make docs`"


def test_the_docs_have_generated_blocks(generate: ModuleType) -> None:
    names = {
        match["name"]
        for path in generate.pages()
        for match in generate.BLOCK.finditer(path.read_text(encoding="utf-8"))
    }
    assert {"quality", "cli"} <= names


def test_a_results_file_that_changes_makes_the_docs_stale(generate: ModuleType, tmp_path: Path) -> None:
    results = tmp_path / "results"
    shutil.copytree(generate.RESULTS, results)
    quality = json.loads((results / "quality.json").read_text(encoding="utf-8"))
    method = next(iter(quality["results"].values()))
    method["t17"]["closed"]["mean"]["date_f1"] += 0.01
    (results / "quality.json").write_text(json.dumps(quality), encoding="utf-8")
    assert REPO_ROOT / "docs" / "evaluation.md" in generate.stale(generate.pages(), results)


def test_a_figure_edited_by_hand_is_stale(generate: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    current = generate.render("<!-- generated: crash -->\n<!-- end generated -->\n", generate.RESULTS)
    page.write_text(current.replace("| 0 |", "| 1 |", 1), encoding="utf-8")
    assert generate.stale([page], generate.RESULTS) == [page]


def test_an_unknown_block_name_is_an_error(generate: ModuleType) -> None:
    with pytest.raises(KeyError, match="no-such-block"):
        generate.render("<!-- generated: no-such-block -->\n<!-- end generated -->", generate.RESULTS)
