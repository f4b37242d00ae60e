"""``dateline stories``: the stories the stored articles form, found without a query."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli.options import CollectionOption, DbOption, FromOption, ToOption, check_collection
from dateline.errors import UsageError
from dateline.render.json_format import dumps, stories_to_dict
from dateline.shards import ShardedStore, open_store
from dateline.stories import find_stories


def stories_command(
    db: DbOption,
    date_from: FromOption = None,
    date_to: ToOption = None,
    collection: CollectionOption = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", min=1, help="Only stories with at least this many articles.")
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", min=0, help="How many to list (0: all).")] = 20,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List the stories of the stored articles, largest first: each a group of articles
    about one developing event, with its dates, counts and a query that gives its
    timeline. Articles stored since the last call are assigned to stories first (once:
    the store keeps the assignments; a folder of shards keeps them in its stories.db).
    JSON: {"stories": [{"id", "label", "first", "last", "articles", "sources", "headline",
    "key_terms", "article_ids", "query"}]}."""
    if output not in ("text", "json"):
        raise UsageError(f"--format must be text or json, got {output!r}")
    with open_store(db, create=False) as store:
        if isinstance(store, ShardedStore) and not store.try_writing():
            typer.echo(f"{db}: another process is writing the folder; listing the stories assigned so far", err=True)
        check_collection(store, collection)
        stories = find_stories(store, collection, date_from, date_to, min_articles, limit or None)
    if output == "json":
        typer.echo(dumps(stories_to_dict(stories)))
        return
    if not stories:
        typer.echo(f"No story of {min_articles} or more articles.")
    for story in stories:
        typer.echo(
            f"{story.id:>6}  {story.label}\n        {story.first} to {story.last}, "
            f"{story.articles} articles, {story.sources} sources; "
            f'dateline timeline "{story.query}"'
        )


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)
