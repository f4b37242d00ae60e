"""The JSON API under ``/api``: parse and validate, call the library, shape the result.

Response shapes are the CLI's (``dateline.render.json_format``), so a script can switch
between ``dateline timeline --format json`` and ``GET /api/timeline`` freely. Handlers
are plain ``def``s: FastAPI runs them in its thread pool, so a slow timeline never blocks
the event loop, and each opens its own store connection (see ``connections``). Reads
need no token; writes are admitted by ``write_gate`` and recorded in the store's write
log.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from dateline.ingest.job import ingest_items
from dateline.operations import list_articles
from dateline.render.json_format import articles_to_dict, stories_to_dict, timeline_to_dict
from dateline.retrieve import find_articles
from dateline.store.writes import Write, WriteStamp
from dateline.stories import find_stories
from dateline.web.connections import open_listing_store, open_store, open_writable_store, settings_of
from dateline.web.exports import export_timeline
from dateline.web.params import (
    MAX_COLLECTION_CHARS,
    MAX_LIST_LIMIT,
    Filters,
    TimelineParams,
    filters,
    output_format,
    timeline_params,
)
from dateline.web.posted import articles_from_payload
from dateline.web.settings import WebSettings
from dateline.web.timelines import TimelineBuilder
from dateline.web.write_gate import client_of

router = APIRouter(prefix="/api")

Settings = Annotated[WebSettings, Depends(settings_of)]
Selection = Annotated[Filters, Depends(filters)]
Params = Annotated[TimelineParams, Depends(timeline_params)]

POST_EXAMPLE = {
    "articles": [
        {
            "date": "2023-07-28",
            "title": "India and Japan talk",
            "text": "On Thursday, India and Japan held talks.",
            "url": "",
        }
    ]
}


def _timelines(request: Request) -> TimelineBuilder:
    return request.app.state.timelines


def write_stamp(request: Request) -> WriteStamp:
    """The stamp ``WriteGate`` gave the write it admitted."""
    return request.state.write_stamp


def _write_to_dict(write: Write) -> dict[str, object]:
    return {"id": write.id, "at": write.at, "token": write.token, "articles": write.articles}


@router.get("/health", summary="Is the server up, and how big is the store")
def health(request: Request, settings: Settings) -> JSONResponse:
    with open_store(settings) as store:
        count = store.count_articles()
    stats = _timelines(request).stats()
    return JSONResponse(
        {
            "status": "ok",
            "articles": count,
            "writes": "read-only" if settings.write_token is None else "token",
            "cache": {"entries": stats.entries, "hits": stats.hits, "misses": stats.misses},
        }
    )


@router.post("/articles", summary="Ingest one or many articles")
def post_articles(
    settings: Settings,
    stamp: Annotated[WriteStamp, Depends(write_stamp)],
    payload: Annotated[
        Any,
        Body(
            description='One article record, a list of them, or {"articles": [...]}. '
            "A record: date (YYYY-MM-DD), text; optional title, url, id.",
            examples=[POST_EXAMPLE],
        ),
    ],
    collection: Annotated[
        str, Query(max_length=MAX_COLLECTION_CHARS, description="Label these articles with a collection.")
    ] = "",
) -> JSONResponse:
    """Needs ``Authorization: Bearer <write token>`` (401 without, 403 with a wrong one
    or on a read-only server). Validated like ``dateline ingest`` reads JSON files.
    All-or-nothing: if any record is invalid, the response is 422 naming each bad record
    and field, and nothing is stored. Re-posting an article stores nothing new (ids are
    content hashes). The new articles are recorded as added by this write (see
    ``/api/writes``). On a sharded store, 503 with ``Retry-After`` while another process
    writes the folder for longer than the server waits."""
    articles = articles_from_payload(payload, collection, settings.max_article_chars)
    with open_writable_store(settings) as store, store.attributing(stamp):
        report = ingest_items(store, articles)
    return JSONResponse(
        {"added": report.added, "already_stored": report.already_stored, "ids": [article.id for article in articles]}
    )


@router.get("/articles", summary="List or search the stored articles")
def get_articles(
    settings: Settings,
    selection: Selection,
    limit: Annotated[int, Query(ge=0, le=MAX_LIST_LIMIT, description="How many to list.")] = 20,
) -> JSONResponse:
    """``{"articles": [{"id", "date", "title", "url", "chars"}], "total"}``; ``total``
    counts every match. All query words must appear."""
    with open_store(settings) as store:
        articles, total = list_articles(
            store, selection.query, limit, selection.date_from, selection.date_to, selection.collection
        )
    return JSONResponse(articles_to_dict(articles, total))


@router.get("/stories", summary="The stories of the stored articles, largest first")
def get_stories(
    settings: Settings,
    selection: Selection,
    min_articles: Annotated[int, Query(ge=1, description="Only stories with at least this many articles.")] = 2,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT, description="How many to list.")] = 20,
) -> JSONResponse:
    """``{"stories": [{"id", "label", "headline", "first", "last", "articles", "sources",
    "key_terms", "article_ids", "query"}]}`` as ``dateline stories --format json`` gives
    it; ``query`` (the query parameter) is not used: stories are found without one. The
    articles stored since are assigned to stories first by a server that may write (on a
    sharded store, when no other process is writing it); a read-only server lists the
    stories assigned so far."""
    with open_listing_store(settings) as store:
        stories = find_stories(store, selection.collection, selection.date_from, selection.date_to, min_articles, limit)
    return JSONResponse(stories_to_dict(stories))


@router.get("/articles/{article_id}", summary="One article with its full text")
def get_article(settings: Settings, article_id: Annotated[str, Path(max_length=100)]) -> JSONResponse:
    """Timeline sentences point into ``text`` by character offsets (``start``, ``end``)."""
    with open_store(settings) as store:
        article = store.get_article(article_id)
        write = store.write_of(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONResponse(
        {
            "id": article.id,
            "date": article.published.isoformat(),
            "title": article.title,
            "url": article.url,
            "chars": len(article.text),
            "collection": article.collection,
            "added_by": write and _write_to_dict(write),
            "text": article.text,
        }
    )


@router.get("/writes", summary="The latest writes that added articles")
def get_writes(
    settings: Settings,
    limit: Annotated[int, Query(ge=0, le=MAX_LIST_LIMIT, description="How many to list.")] = 20,
) -> JSONResponse:
    """``{"writes": [{"id", "at", "token", "articles"}]}``, newest first: when each write
    was made (UTC), the fingerprint of the token that made it (never the token) and how
    many articles it added. Articles from ``dateline ingest`` belong to no write."""
    with open_store(settings) as store:
        writes = store.recent_writes(limit)
    return JSONResponse({"writes": [_write_to_dict(write) for write in writes]})


@router.get("/writes/{write_id}", summary="One write and the articles it added")
def get_write(
    settings: Settings,
    write_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    limit: Annotated[int, Query(ge=0, le=MAX_LIST_LIMIT, description="How many article ids to list.")] = 100,
) -> JSONResponse:
    """The write as ``/api/writes`` lists it, with ``article_ids``: the first ``limit``
    articles it added, in the order it stored them."""
    with open_store(settings) as store:
        write = store.get_write(write_id)
        ids = store.articles_of_write(write_id, limit)
    if write is None:
        raise HTTPException(404, f"no write numbered {write_id}")
    return JSONResponse(_write_to_dict(write) | {"article_ids": ids})


@router.get("/timeline", summary="The timeline of a query")
def get_timeline(
    request: Request,
    settings: Settings,
    params: Params,
    explain: Annotated[bool, Query(description="Add each entry's and sentence's scores.")] = False,
) -> JSONResponse:
    """The same JSON as ``dateline timeline --format json``: ``{"query", "method",
    "entries": [{"date", "granularity", "sentences": [{"text", "article_id", "start",
    "end"}]}]}``, entries in date order; with ``since``, also ``"since"``, ``"changes":
    {"new", "changed"}`` and each entry's ``"new"`` and ``"changed"`` (what is new since
    that ingest time). A timeline not in the server's cache counts against the client's
    limit of builds (429 with ``Retry-After`` beyond it)."""
    with open_store(settings) as store:
        built = _timelines(request).build(store, params, client_of(request))
    return JSONResponse(timeline_to_dict(built.timeline, explain))


@router.get("/timeline/export", summary="The timeline as a file to download")
def export(
    request: Request,
    settings: Settings,
    params: Params,
    export_format: Annotated[str, Depends(output_format)],
) -> Response:
    with open_store(settings) as store:
        built = _timelines(request).build(store, params, client_of(request))
        file = export_timeline(built.timeline, export_format, store)
    return Response(
        file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )


@router.get("/volume", summary="How many matching articles were published each day")
def volume(settings: Settings, selection: Selection) -> JSONResponse:
    """Every story matching the query as a timeline retrieves them (near-duplicate copies
    of a story found too are not counted; ``strategy`` says which rule found them:
    all-words, any-word, everything or nothing), counted per publication day:
    ``{"strategy", "articles", "days": [{"date", "count"}]}``. The timeline itself is
    built from the best ``DEFAULT_MAX_ARTICLES`` of them."""
    with open_store(settings) as store:
        found = find_articles(store, selection.query, selection.date_from, selection.date_to, selection.collection)
        days = store.publication_counts(found.rowids)
    return JSONResponse(
        {
            "strategy": found.strategy,
            "articles": len(found.rowids),
            "days": [{"date": day.isoformat(), "count": count} for day, count in days],
        }
    )
