"""Writing tagger output: the JSON record of ``--out``/``tag --format json``, and TimeML.

The JSON record is ``{"dct": "YYYY-MM-DD", "timexes": [{"start", "end", "text", "type",
"value"}]}`` with offsets into the plain text, so any TempEval-3 scorer can grade it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from dateline.temporal.timex import Timex


def to_record(dct: dt.date, timexes: Sequence[Timex]) -> dict:
    return {
        "dct": dct.isoformat(),
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in timexes
        ],
    }


def to_timeml(text: str, dct: dt.date, timexes: Sequence[Timex]) -> str:
    """A TimeML document (as TempEval-3 distributes them) of ``text`` with ``timexes``
    marked up; reading it back with ``timeml.read_timeml`` gives the same offsets."""
    parts = [
        '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" '
        f'value="{dct.isoformat()}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n<TEXT>'
    ]
    cursor = 0
    for number, timex in enumerate(timexes, start=1):
        parts.append(escape(text[cursor : timex.start]))
        parts.append(
            f'<TIMEX3 tid="t{number}" type={quoteattr(timex.type)} '
            f"value={quoteattr(timex.value)}>{escape(timex.text)}</TIMEX3>"
        )
        cursor = timex.end
    parts.append(escape(text[cursor:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
