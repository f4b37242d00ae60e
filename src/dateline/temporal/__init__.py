"""Temporal tagging: find time expressions in news text and resolve them against the
publication date into TIMEX3 values (TimeML 1.2), HeidelTime-style, at regex speed.

    >>> import datetime as dt
    >>> [t.value for t in tag("On Thursday, officials met.", dt.date(2023, 7, 28))]
    ['2023-07-27']
"""

from dateline.temporal.tagger import tag
from dateline.temporal.timex import Timex
from dateline.temporal.values import value_to_date

__all__ = ["Timex", "tag", "value_to_date"]
