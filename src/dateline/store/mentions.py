"""How an article's time mentions are stored: one JSON array per article, not a row each.

An article has about twenty mentions; a row for each (with an index entry) cost the
store write a tenth of its time, in the one process that writes. The mentions are a JSON
array of ``[sentence, start, end, type, value, date, granularity]`` arrays in text
order (the fields of ``TimeMention`` but its text, which is the article's
``text[start:end]``; ``date`` an ISO date or null), which SQLite's JSON functions can
read too: ``dateline check`` validates them in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from dateline.model import Granularity

# What an article's ``mentions`` value counts for in SQL: its number of mentions (a value
# that is not JSON, which only damage can write, counts as one).
MENTION_COUNT = "CASE WHEN json_valid(mentions) THEN json_array_length(mentions) ELSE 1 END"

StoredMention = tuple[int, int, int, str, str, str | None, Granularity | None]
"""sentence, start, end, type, value, ISO date, granularity."""


def pack_mentions(mentions: Sequence[StoredMention]) -> str:
    """The stored form of an article's mentions."""
    return json.dumps(mentions, ensure_ascii=False, separators=(",", ":"))


def unpack_mentions(packed: str) -> list[StoredMention]:
    """The mentions a stored array holds, as ``pack_mentions`` was given them."""
    return [tuple(mention) for mention in json.loads(packed)]
