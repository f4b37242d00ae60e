"""How errors become HTTP responses: the client's mistakes are 4xx, never 500.

Validation errors keep FastAPI's ``detail`` list (``loc``, ``msg``, ``type``) and gain a
``message`` line naming each field, for people reading the response. A ``UsageError``
from the library is the client's mistake (422); a ``StoreError`` means the store cannot
be read right now (503; ``StoreBusy``, another process writing it, with ``Retry-After``).
A ``RateLimited`` client is told when to retry (429 with
``Retry-After``). Every error the app itself writes has the same JSON body:
``{"detail": message, "message": message}`` (``error_response``).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from dateline.errors import DatelineError, StoreBusy, StoreError
from dateline.web.ratelimit import RateLimited


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DatelineError, _dateline_error)
    app.add_exception_handler(RateLimited, _rate_limited)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error every refusal of the app's own has."""
    return JSONResponse({"detail": message, "message": message}, status_code=status, headers=headers)


def rate_limited_response(error: RateLimited) -> JSONResponse:
    return error_response(429, str(error), {"Retry-After": str(error.retry_after)})


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [_detail(item) for item in error.errors()]
    message = "; ".join(
        f"{'request body' if item['type'] == 'json_invalid' else describe_location(item['loc'])}: {item['msg']}"
        for item in details
    )
    return JSONResponse(jsonable_encoder({"detail": details, "message": message}), status_code=422)


async def _dateline_error(request: Request, error: Exception) -> JSONResponse:
    if isinstance(error, StoreBusy):
        return error_response(503, str(error), {"Retry-After": str(error.retry_after)})
    return error_response(503 if isinstance(error, StoreError) else 422, str(error))


async def _rate_limited(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RateLimited)
    return rate_limited_response(error)


def _detail(item: dict) -> dict:
    """The parts of a validation error a client needs; a JSON syntax error says where."""
    detail = {key: item[key] for key in ("type", "loc", "msg")}
    if item["type"] == "json_invalid":
        detail["msg"] = f"malformed JSON: {item.get('ctx', {}).get('error', '')} (at character {item['loc'][-1]})"
    return detail


def describe_location(location: tuple | list) -> str:
    """``("query", "dates")`` → ``query parameter 'dates'``; ``("body", 2, "text")`` →
    ``article 2, field 'text'``."""
    where, *rest = location
    if where == "body":
        index = next((part for part in rest if isinstance(part, int)), None)
        fields = [str(part) for part in rest if isinstance(part, str) and part != "articles"]
        parts = [f"article {index}"] if index is not None else ["request body"]
        parts += [f"field '{field}'" for field in fields]
        return ", ".join(parts)
    name = ".".join(str(part) for part in rest) or str(where)
    return f"{where} parameter '{name}'"
