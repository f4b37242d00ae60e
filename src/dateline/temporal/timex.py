"""The tagger's output record: one TIMEX3 found in a text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression at ``text[start:end]`` with its TIMEX3 ``type`` and normalised ``value``.

    ``type`` is one of DATE, TIME, DURATION, SET (TimeML 1.2). ``value`` follows the TIMEX3
    conventions: ``2023-07-27``, ``2020-09``, ``2020``, ``2020-W42``, ``2020-Q3``,
    ``2020-SU``, ``199`` (a decade), ``2011-01-24TNI``, ``P3D``, ``PRESENT_REF``...
    """

    start: int
    end: int
    text: str
    type: str
    value: str
