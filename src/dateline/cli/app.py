"""Builds the ``dateline`` Typer app from the command modules and runs it.

Each command module exposes ``register(app)``; this keeps one module per command group,
so adding a command never means editing another command's code. Every ``DatelineError``
raised by a command becomes one ``Error: ...`` line on stderr and its exit code, the same
under a real shell and under Click's test runner, so users never see a traceback for bad
input or wrong flags.
"""

from __future__ import annotations

from typing import Any, NoReturn, Protocol, cast

import typer
from typer.core import TyperGroup

from dateline.errors import DatelineError

# Typer keeps its copy of Click private (typer._click). Of Click's exceptions it exports
# BadParameter, whose base class is Click's UsageError: wrong usage of every kind.
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _Usage(Protocol):
    """What a Click UsageError offers (its class is private to Typer)."""

    exit_code: int
    ctx: Any

    def format_message(self) -> str: ...

    def show(self) -> None: ...


class _DatelineGroup(TyperGroup):
    """Runs a command and reports a ``DatelineError`` as ``Error: ...`` plus its exit code,
    and wrong usage (an unknown option, a bad value) as one ``Error: ...`` line with exit
    code 2, where Click would print a usage block, a hint and the error on three lines."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _UsageError as error:
            _usage_error(cast(_Usage, error))

    def invoke(self, ctx: Any) -> Any:  # ctx: Click's Context, private to Typer
        try:
            return super().invoke(ctx)
        except DatelineError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except _UsageError as error:
            _usage_error(cast(_Usage, error))


def _usage_error(error: _Usage) -> NoReturn:
    # A bare command: its help is the answer. Typer's own error display tells this
    # UsageError by its class name too (typer.rich_utils.rich_format_error).
    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()
        raise typer.Exit(error.exit_code) from None
    command = error.ctx.command_path if error.ctx is not None else "dateline"
    typer.echo(f"Error: {error.format_message().rstrip('.')} (see '{command} --help')", err=True)
    raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="dateline",
    cls=_DatelineGroup,
    help=(
        "Turn dated news articles into a news timeline: the dates that matter for a topic, "
        "each with a short summary traceable to the sentences that say it.\n\n"
        'Typical use: `dateline ingest FOLDER`, then `dateline timeline "QUERY"`.\n\n'
        "Exit codes: 0 success; 1 error (bad input, unreadable store); 2 wrong usage; "
        "3 finished, but some inputs were skipped."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _register_commands() -> None:
    from dateline.cli import commands

    for module in commands.ALL:
        module.register(app)


_register_commands()


def main() -> None:
    """Console entry point (``dateline``)."""
    app()
