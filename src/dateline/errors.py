"""Exceptions a user can act on.

Every error that reaches the user names where the problem is (file, line, field) and what
was expected. The CLI prints ``str(error)`` as one line and exits non-zero; the HTTP API
turns it into a 4xx response. Nothing else should escape to the user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class DatelineError(Exception):
    """Base class of all errors dateline reports to users."""

    exit_code: int = 1


@dataclass
class InputProblem(DatelineError):
    """A piece of input that cannot be read as an article.

    ``path`` and ``line`` locate it (``line`` is 1-based, or None for whole-file problems);
    ``field`` names the offending field where there is one.
    """

    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}: {what}{self.message}"

    def __reduce__(self) -> tuple[type[InputProblem], tuple[str, str, int | None, str | None]]:
        """Pickled by its fields (an exception pickles its message alone), so that a
        problem found in a worker process reaches the ingest whole."""
        return type(self), (self.path, self.message, self.line, self.field)


class UsageError(DatelineError):
    """A wrong option value or combination (the CLI's exit code 2)."""

    exit_code = 2


class StoreError(DatelineError):
    """The store cannot be opened or is not a dateline store of a supported version."""


class StoreBusy(StoreError):
    """Another process is writing the store (a sharded store's write lock is held): try
    again in ``retry_after`` seconds. The HTTP API answers it with 503 and ``Retry-After``."""

    retry_after: int = 5
