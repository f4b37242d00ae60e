"""Articles posted to the API, validated exactly as ``dateline ingest`` validates records.

The body may be one record, a list of records, or ``{"articles": [...]}`` (the shapes a
``.json`` file may have). Each record goes through ``record_to_article``, the CLI's
validation (including its limit on the length of a text); a problem is reported with the
record's index and field.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.exceptions import RequestValidationError

from dateline.ingest.records import record_to_article
from dateline.model import Article
from dateline.web.params import invalid

SOURCE = "http"


def articles_from_payload(payload: object, collection: str, max_chars: int) -> list[Article]:
    """The posted articles, or a 422 ``RequestValidationError`` naming every bad record."""
    if isinstance(payload, bytes | str):
        raise invalid(("body",), "expected JSON, sent with 'Content-Type: application/json'")
    prefix: tuple[str, ...] = ("body",)
    if isinstance(payload, Mapping) and isinstance(payload.get("articles"), list):
        prefix, payload = ("body", "articles"), payload["articles"]
    records = payload if isinstance(payload, list) else [payload]
    if not records:
        raise invalid(prefix, "expected at least one article")
    articles, errors = [], []
    for index, record in enumerate(records):
        result = record_to_article(record, SOURCE, None, collection, max_chars)
        if isinstance(result, Article):
            articles.append(result)
        else:
            field = (result.field,) if result.field else ()
            errors.append(_error((*prefix, index, *field), result.message))
    if errors:
        raise RequestValidationError(errors)
    return articles


def _error(location: tuple[str | int, ...], message: str) -> dict:
    return {"type": "value_error", "loc": location, "msg": message}
