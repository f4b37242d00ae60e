"""Query parameters of the API, parsed and validated in one place.

Every invalid value becomes HTTP 422 whose ``loc`` and message name the parameter, the
same way FastAPI reports type errors, so clients handle one error shape. Size bounds come
from ``dateline.operations`` so the API accepts exactly what the CLI accepts. Empty
values (``from=`` from an empty form field) mean "not given".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from dateline.errors import UsageError
from dateline.operations import DEFAULT_METHOD, MAX_DATES, MAX_SENTENCES
from dateline.render.formats import FORMATS
from dateline.timeline import method_names
from dateline.timeline.changes import parse_since
from dateline.timeline.granularity import GRANULARITY_CHOICES

MAX_QUERY_CHARS = 500
MAX_COLLECTION_CHARS = 200
MAX_LIST_LIMIT = 1000
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def invalid(location: tuple[str | int, ...], message: str, value: object = None) -> RequestValidationError:
    """A 422 error for one parameter, shaped like FastAPI's own validation errors."""
    return RequestValidationError([{"type": "value_error", "loc": location, "msg": message, "input": value}])


@dataclass(frozen=True)
class Filters:
    """What selects articles: a query, a publication date range, a collection."""

    query: str
    date_from: dt.date | None
    date_to: dt.date | None
    collection: str | None


@dataclass(frozen=True)
class TimelineParams:
    """Everything a timeline depends on; hashable, so it can key the cache."""

    filters: Filters
    dates: int
    sentences: int
    method: str
    granularity: str = "auto"
    since: dt.datetime | None = None


QueryParam = Annotated[
    str, Query(max_length=MAX_QUERY_CHARS, description="Words the articles are about; empty for all.")
]
FromParam = Annotated[str | None, Query(alias="from", description="Published on or after (YYYY-MM-DD).")]
ToParam = Annotated[str | None, Query(alias="to", description="Published on or before (YYYY-MM-DD).")]
CollectionParam = Annotated[
    str | None, Query(max_length=MAX_COLLECTION_CHARS, description="Only this collection (e.g. bpoil_bbc).")
]


def filters(
    query: QueryParam = "", date_from: FromParam = None, date_to: ToParam = None, collection: CollectionParam = None
) -> Filters:
    start, end = _day("from", date_from), _day("to", date_to)
    if start and end and start > end:
        raise invalid(("query", "from"), f"{start} is after 'to' ({end})", date_from)
    return Filters(query, start, end, collection or None)


def timeline_params(
    selection: Annotated[Filters, Depends(filters)],
    dates: Annotated[int, Query(ge=1, le=MAX_DATES, description="At most this many dates.")] = 10,
    sentences: Annotated[int, Query(ge=1, le=MAX_SENTENCES, description="At most this many sentences per date.")] = 2,
    method: Annotated[str, Query(max_length=100, description="Timeline method.")] = DEFAULT_METHOD,
    granularity: Annotated[
        str,
        Query(
            max_length=10,
            description="auto (days, and months or years where the story spans enough of them), day, month or year.",
        ),
    ] = "auto",
    since: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Mark the dates new or changed since this "
            "ingest time: YYYY-MM-DD (from 00:00 UTC) or an ISO time with a zone.",
        ),
    ] = None,
) -> TimelineParams:
    if method not in method_names():
        raise invalid(
            ("query", "method"), f"unknown method {method!r}; choose one of: {', '.join(method_names())}", method
        )
    if granularity not in GRANULARITY_CHOICES:
        raise invalid(
            ("query", "granularity"),
            f"unknown granularity {granularity!r}; choose one of: {', '.join(GRANULARITY_CHOICES)}",
            granularity,
        )
    return TimelineParams(selection, dates, sentences, method, granularity, _since(since))


def output_format(
    name: Annotated[
        str,
        Query(
            alias="format",
            max_length=100,
            description=f"One of: {', '.join(FORMATS.names())}.",
            json_schema_extra={"enum": FORMATS.names()},
        ),
    ],
) -> str:
    if name not in FORMATS:
        raise invalid(
            ("query", "format"), f"unknown format {name!r}; choose one of: {', '.join(FORMATS.names())}", name
        )
    return name


def _since(value: str | None) -> dt.datetime | None:
    if value is None or not value.strip():
        return None
    try:
        return parse_since(value)
    except UsageError as error:
        raise invalid(("query", "since"), str(error), value) from None


def _day(name: str, value: str | None) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        if not _DAY.fullmatch(value.strip()):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise invalid(("query", name), f"expected a date as YYYY-MM-DD, got {value!r}", value) from None
