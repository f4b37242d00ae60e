"""Builds the ``dateline`` Typer app from the command modules and runs it.

Each command module exposes ``register(app)``; this keeps one module per command group,
so adding a command never means editing another command's code. Every ``DatelineError``
raised by a command becomes one ``Error: ...`` line on stderr and its exit code, the same
under a real shell and under Click's test runner, so users never see a traceback for bad
input or wrong flags.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from dateline.errors import DatelineError


class _DatelineGroup(TyperGroup):
    """Runs a command and reports a ``DatelineError`` as ``Error: ...`` plus its exit code."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except DatelineError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="dateline",
    cls=_DatelineGroup,
    help=(
        "Turn dated news articles into a news timeline: the dates that matter for a topic, "
        "each with a short summary traceable to the sentences that say it.\n\n"
        "Typical use: `dateline ingest FOLDER`, then `dateline timeline \"QUERY\"`.\n\n"
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
