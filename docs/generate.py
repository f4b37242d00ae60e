"""Regenerate the generated parts of the docs, or check that they are current.

    .venv/bin/python docs/generate.py           # rewrite them (make docs)
    .venv/bin/python docs/generate.py --check   # exit 1 naming each stale block (make test)

A generated part of a Markdown page sits between two HTML comments, which Markdown
viewers do not show:

    <!-- generated: quality -->
    ...written by this script, never by hand...
    <!-- end generated -->

The name says what goes there: a figure block of ``figures.py``, made from
``bench/results/*.json``, or ``cli`` (the options of every ``dateline`` command, read from
the command itself). So a page cannot quote a figure its results file does not hold, nor
an option the command does not have: ``--check`` fails until ``make docs`` has been run.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # figures.py beside this script: docs/ is not a package

import figures  # noqa: E402

ROOT = HERE.parent
RESULTS = ROOT / "bench" / "results"
BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<close><!-- end generated -->)",
    re.DOTALL,
)


def cli_reference(_results: Path) -> str:
    """Every ``dateline`` command: its usage, what it does, and its options as ``--help`` has them."""
    import typer

    from dateline.cli.app import app

    group = typer.main.get_command(app)
    root = typer.Context(group, info_name="dateline")
    sections = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        context = typer.Context(command, info_name=name, parent=root)
        rows = [
            [f"`{_cell(opts)}`", _prose(_cell(text))]
            for param in command.get_params(context)
            if (record := param.get_help_record(context)) is not None
            for opts, text in [record]
            if opts != "--help"
        ]
        help_text = _prose((command.help or "").strip())
        sections.append(
            f"### `dateline {name}`\n\n```\n{command.get_usage(context)}\n```\n\n"
            f"{help_text}\n\n" + figures.table(["argument or option", "what it does"], rows)
        )
    return "\n\n".join(sections)


def _cell(text: str) -> str:
    """``text`` on one line, safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _prose(text: str) -> str:
    """Help text as Markdown prose: ``<placeholders>`` shown, not taken for HTML tags."""
    return text.replace("<", "&lt;")


BLOCKS: dict[str, Callable[[Path], str]] = {**figures.BLOCKS, "cli": cli_reference}


def render(page: str, results: Path) -> str:
    """``page`` with every generated block rewritten from ``results``."""

    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in BLOCKS:
            raise KeyError(f"unknown generated block {name!r} (known: {', '.join(sorted(BLOCKS))})")
        return f"{match['open']}{BLOCKS[name](results).rstrip()}\n{match['close']}"

    return BLOCK.sub(fill, page)


def pages(root: Path = ROOT) -> list[Path]:
    """The Markdown pages that may hold generated blocks: the README and docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def stale(paths: list[Path], results: Path) -> list[Path]:
    """The pages whose generated blocks differ from what ``results`` gives now."""
    return [path for path in paths if render(text := path.read_text(encoding="utf-8"), results) != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a generated block is not current"
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="the results folder")
    args = parser.parse_args(argv)
    paths = pages()
    if args.check:
        out_of_date = stale(paths, args.results)
        for path in out_of_date:
            print(f"{path.relative_to(ROOT)}: generated text is not current; run `make docs`", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if (new := render(text, args.results)) != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
