"""A timeline as CSV: one row per sentence, for spreadsheets and data tools.

Columns: ``date, granularity, rank, text, article_id, start, end`` — ``rank`` is the
sentence's 1-based position within its date, ``start``/``end`` its character span in the
article. A date is repeated on each of its sentences so every row stands alone. Text is
written unaltered (standard CSV quoting only), so the rows equal the JSON output. A
timeline marked with what is new since a time (``--since``) has one more column,
``change``: ``new``, ``changed`` or empty, for the row's date.
"""

from __future__ import annotations

import csv
import io

from dateline.model import Timeline

COLUMNS = ("date", "granularity", "rank", "text", "article_id", "start", "end")


def timeline_to_csv(timeline: Timeline) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    marked = timeline.since is not None
    writer.writerow((*COLUMNS, "change") if marked else COLUMNS)
    for entry in timeline.entries:
        change = (entry.change or "",) if marked else ()
        for rank, sentence in enumerate(entry.sentences, start=1):
            writer.writerow(
                (
                    entry.date.isoformat(),
                    entry.granularity,
                    rank,
                    sentence.text,
                    sentence.article_id,
                    sentence.start,
                    sentence.end,
                    *change,
                )
            )
    return buffer.getvalue()
