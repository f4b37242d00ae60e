"""The store sits below the analysis: it imports the core types, the errors and the leaf
text utilities, never ``dateline.nlp`` or a stage above it (issue 21). Whatever composes
analysis and store (ingest, repair) lives above both."""

from __future__ import annotations

import ast
from pathlib import Path

import dateline.store

STORE = Path(dateline.store.__file__).parent
ALLOWED = ("dateline.model", "dateline.errors", "dateline.text", "dateline.store")


def dateline_imports(module: Path) -> set[str]:
    """The ``dateline`` modules a source file imports, relative imports resolved."""
    package = ["dateline", "store"]
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join([*base, *([node.module] if node.module else [])]))
    return {name for name in found if name == "dateline" or name.startswith("dateline.")}


def test_the_store_imports_nothing_above_it() -> None:
    upward = {
        f"{module.name}: {name}"
        for module in sorted(STORE.glob("*.py"))
        for name in dateline_imports(module)
        if not any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED)
    }
    assert not upward


def test_the_sharded_store_sits_at_the_store_layer() -> None:
    """``dateline.shards`` composes stores: it imports what the store may, and the store."""
    import dateline.shards

    folder = Path(dateline.shards.__file__).parent
    upward = {
        f"{module.name}: {name}"
        for module in sorted(folder.glob("*.py"))
        for name in dateline_imports(module)
        if not any(name == allowed or name.startswith(allowed + ".") for allowed in (*ALLOWED, "dateline.shards"))
    }
    assert not upward
