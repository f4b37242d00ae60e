"""Options shared by several commands, so they are spelled and validated one way."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dateline.errors import UsageError

if TYPE_CHECKING:
    from dateline.shards import AnyStore

DEFAULT_DB = "dateline.db"


def default_db() -> Path:
    """``$DATELINE_DB`` if set, else ``./dateline.db``."""
    return Path(os.environ.get("DATELINE_DB") or DEFAULT_DB)


DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        help="The store: an SQLite file, or a folder of shards (docs/sharding.md). "
        "Default: $DATELINE_DB, else ./dateline.db.",
        default_factory=default_db,
        show_default=False,
    ),
]


def parse_day(value: str) -> dt.date:
    """Typer parser: a YYYY-MM-DD option value as a date (``BadParameter`` otherwise)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


FromOption = Annotated[
    dt.date | None,
    typer.Option(
        "--from",
        help="Only articles published on or after this date (YYYY-MM-DD).",
        parser=parse_day,
        metavar="YYYY-MM-DD",
    ),
]
ToOption = Annotated[
    dt.date | None,
    typer.Option(
        "--to",
        help="Only articles published on or before this date (YYYY-MM-DD).",
        parser=parse_day,
        metavar="YYYY-MM-DD",
    ),
]
CollectionOption = Annotated[
    str | None,
    typer.Option("--collection", help="Only this collection (e.g. a Timeline17 topic folder)."),
]


def check_collection(store: AnyStore, name: str | None) -> None:
    """Refuse a ``--collection`` that names no collection of ``store``, listing those it
    has: a misspelt name would otherwise give an empty listing or timeline that looks like
    an answer."""
    if name is None:
        return
    known = {collection.name: collection.articles for collection in store.collections()}
    if name in known:
        return
    named = [f"{collection} ({count})" for collection, count in known.items() if collection]
    have = (
        f"the store's collections are: {', '.join(named)}"
        if named
        else "the store has no collections (name one with 'dateline ingest --collection NAME')"
    )
    raise UsageError(f"--collection: no collection named {name!r}; {have}")
