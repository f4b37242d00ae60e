"""How the golden cases describe their timelines, shared by the tests and by
``golden/make_golden.py`` (which runs tilse 0.2.1 in a scratch environment), so both build
the very same inputs.

A timeline spec is a JSON object, one of:

- ``{"inline": {"YYYY-MM-DD": [sentence, ...]}}``: a small timeline written for the case;
- ``{"t17": "<Topic_source>/timelines/<file>"}``: a Timeline17 reference timeline, read from
  the shared data at run time, optionally changed, in this order, by
  ``"first_dates": N`` (keep the N earliest dates), ``"keep_words": N`` (each sentence cut
  to its first N whitespace tokens), ``"max_sentences": N`` (the first N sentences of a
  date) and ``"shift": {"every": E, "days": D}`` (every E-th date, counting from the
  first, moved by D days; the recipe fails if two dates would collide);
- ``{"picks": {"YYYY-MM-DD": [[t17 file, "YYYY-MM-DD", sentence index], ...]}}``: sentences
  taken from Timeline17 reference timelines and placed on new dates.

Only the standard library is used here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

Timeline = dict[dt.date, list[str]]
Loader = Callable[[Path], Timeline]


def build_timeline(spec: dict[str, Any], t17: Path, load: Loader) -> Timeline:
    """The timeline ``spec`` describes; ``load`` reads a T17 timeline file."""
    if "inline" in spec:
        return {dt.date.fromisoformat(day): list(sentences) for day, sentences in spec["inline"].items()}
    if "picks" in spec:
        sources: dict[str, Timeline] = {}
        timeline: Timeline = {}
        for day, picks in spec["picks"].items():
            sentences = []
            for name, source_day, index in picks:
                if name not in sources:
                    sources[name] = load(t17 / name)
                sentences.append(sources[name][dt.date.fromisoformat(source_day)][index])
            timeline[dt.date.fromisoformat(day)] = sentences
        return timeline
    timeline = load(t17 / spec["t17"])
    dates = sorted(timeline)[: spec.get("first_dates")]
    timeline = {date: timeline[date] for date in dates}
    if "keep_words" in spec:
        timeline = {
            date: [" ".join(s.split()[: spec["keep_words"]]) for s in sentences] for date, sentences in timeline.items()
        }
    if "max_sentences" in spec:
        timeline = {date: sentences[: spec["max_sentences"]] for date, sentences in timeline.items()}
    if "shift" in spec:
        every, days = spec["shift"]["every"], spec["shift"]["days"]
        shifted = {}
        for i, date in enumerate(dates):
            new = date + dt.timedelta(days=days) if i % every == 0 else date
            if new in shifted:
                raise ValueError(f"shift collides at {new}")
            shifted[new] = timeline[date]
        timeline = shifted
    return timeline
