"""The HTML pages: the timeline explorer at ``/`` and a printable view of one article.

The explorer opens on the archive's largest stories (``dateline.stories``), each a plain
link to its timeline (its query and dates in the URL), so the search box is not the only
way in.

The explorer is a static shell filled in by ``static/app.js`` from the JSON API; the
article page is rendered on the server so a sentence's link works in a new tab, without
JavaScript. Templates autoescape everything, and a Content-Security-Policy allows only
this server's own scripts and styles.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dateline.operations import DEFAULT_METHOD, MAX_DATES, MAX_SENTENCES
from dateline.render.formats import FORMATS
from dateline.render.html_export import safe_url
from dateline.stories import find_stories
from dateline.timeline import method_names
from dateline.web.connections import open_listing_store, open_store, settings_of
from dateline.web.settings import WebSettings

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# Stories listed on the explorer's first page, each a link to its timeline.
STORIES_LISTED = 12
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(FilePath(__file__).parent / "templates"),
        autoescape=True,
    )
)
Settings = Annotated[WebSettings, Depends(settings_of)]


@router.get("/", response_class=HTMLResponse)
def explorer(request: Request, settings: Settings) -> HTMLResponse:
    with open_listing_store(settings) as store:
        collections = store.collections()
        stories = find_stories(store, limit=STORIES_LISTED)
    return _page(
        request,
        "index.html",
        {
            "collections": [(c.name, c.articles) for c in collections if c.name],
            "stories": [
                (
                    story,
                    urlencode({"query": story.query, "from": story.first.isoformat(), "to": story.last.isoformat()}),
                )
                for story in stories
            ],
            "methods": method_names(),
            "default_method": DEFAULT_METHOD,
            "formats": [(name, output.label) for name, output in FORMATS.items()],
            "max_dates": MAX_DATES,
            "max_sentences": MAX_SENTENCES,
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    settings: Settings,
    article_id: Annotated[str, Path(max_length=100)],
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """The article's text with the span ``[start, end)`` highlighted (``#highlight``)."""
    with open_store(settings) as store:
        article = store.get_article(article_id)
    if article is None:
        return _page(request, "missing.html", {"article_id": article_id}, status_code=404)
    text = article.text
    highlighted = start is not None and end is not None and start < end <= len(text)
    parts = (text[:start], text[start:end], text[end:]) if highlighted else (text, "", "")
    return _page(request, "article.html", {"article": article, "url": safe_url(article.url), "parts": parts})


def _page(request: Request, name: str, context: dict, status_code: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response
