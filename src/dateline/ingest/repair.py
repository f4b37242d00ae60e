"""Repairing a store: the store's repair (``dateline.store.integrity.repair_store``) with
the analysis an ingest runs, so that re-analysed articles are stored exactly as an
ingest stores them. Composed here, where analysis and store meet, because the store
does not depend on the analysis."""

from __future__ import annotations

from pathlib import Path

from dateline.nlp.analyze import analyze_articles
from dateline.store import integrity


def repair_store(path: Path | str) -> integrity.RepairReport:
    """Repair the store at ``path`` (``dateline.store.integrity.repair_store``),
    re-analysing with ``analyze_articles``."""
    return integrity.repair_store(path, analyze_articles)
