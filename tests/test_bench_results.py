"""Every committed benchmark result is whole: written by one script, with its run's metadata.

Each ``bench/*.py`` declares the keys of the results files it writes in a literal
``RESULT_KEYS`` (the convention is in ``bench/run_metadata.py``). A key in a file that
its script does not declare was merged in by hand or by another run, and so cannot be
reproduced by running the script; a file no script claims has no command behind it.
"""

from __future__ import annotations

import ast
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
RESULTS = BENCH / "results"


def load_helper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_metadata", BENCH / "run_metadata.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helper = load_helper()


def declared_keys(script: Path) -> dict | None:
    """The script's ``RESULT_KEYS``, read from its source (importing a benchmark would
    import the whole package and, for some, start work). It is a literal, which may name
    module-level constants that are literals themselves."""
    constants: dict[str, object] = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [target.id for target in targets if isinstance(target, ast.Name)]
        if "RESULT_KEYS" in names:
            return ast.literal_eval(Inline(constants).visit(node.value))
        try:
            constants |= {name: ast.literal_eval(node.value) for name in names}
        except ValueError:
            continue
    return None


class Inline(ast.NodeTransformer):
    """Replaces the names of known literal constants by their values."""

    def __init__(self, constants: dict[str, object]) -> None:
        self.constants = constants

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.constants:
            return ast.Constant(self.constants[node.id])
        return node


DECLARATIONS = {script.name: declared_keys(script) for script in sorted(BENCH.glob("*.py"))}
BENCHMARKS = sorted(BENCH.glob("bench_*.py"))


@pytest.mark.parametrize("results", sorted(RESULTS.glob("*.json")), ids=lambda path: path.name)
def test_results_file_holds_only_what_its_script_writes(results: Path) -> None:
    claims = {
        script: keys
        for script, declarations in DECLARATIONS.items()
        if declarations
        for keys in [helper.declaration_for(results.name, declarations)]
        if keys is not None
    }
    assert len(claims) == 1, (
        f"{results.name} must be claimed by exactly one bench script's RESULT_KEYS, not {sorted(claims)}"
    )
    [(script, keys)] = claims.items()
    content = json.loads(results.read_text(encoding="utf-8"))
    assert isinstance(content, dict), f"{results.name}: a results file is a JSON object"
    assert helper.undeclared_keys(content, keys) == [], f"{results.name} against {script}"


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda path: path.name)
def test_benchmark_declares_its_results_and_writes_them_with_metadata(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    assert DECLARATIONS[script.name], f"{script.name} declares no RESULT_KEYS"
    assert "run_metadata()" in source and "write_results(" in source, (
        f"{script.name} must take run_metadata() and write through write_results()"
    )


def test_a_key_merged_by_hand_is_found() -> None:
    declared = {"": ("metadata", "runs"), "runs.*": ("ingest", "timelines")}
    content = {
        "metadata": helper.run_metadata(),
        "runs": {"Timeline17": {"ingest": {}, "timelines": {}, "timelines_later_pass": {}}},
        "notes": "merged from three runs",
    }
    assert helper.undeclared_keys(content, declared) == ["notes", "runs.Timeline17.timelines_later_pass"]


def test_results_without_metadata_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="metadata"):
        helper.write_results(tmp_path / "x.json", {"runs": {}}, ("metadata", "runs"))
    assert not (tmp_path / "x.json").exists()
