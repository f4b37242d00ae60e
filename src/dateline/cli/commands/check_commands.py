"""``dateline check``: prove the store consistent, or rebuild its derived data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dateline.cli.options import DbOption
from dateline.render.json_format import dumps

if TYPE_CHECKING:
    from dateline.store.integrity import IntegrityReport, RepairReport

INCONSISTENT_EXIT_CODE = 1


def check_command(
    db: DbOption,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Rebuild what is wrong (FTS index, sentences, time mentions) from the "
            "stored articles, which are never changed.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Verify the store: SQLite's integrity check, the schema version, the full-text index
    against the articles, every sentence and time mention against its article, no article
    stored without its sentences. Exit 0 when consistent (after --repair: when the repair
    made it so), 1 when not."""
    from dateline.store.integrity import check_store

    if repair:
        from dateline.ingest.repair import repair_store  # loads the tagger

        repaired = repair_store(db)
        report = repaired.after
        if as_json:
            typer.echo(dumps(repaired.to_dict()))
        else:
            _print_report(repaired.before)
            _print_repair(repaired)
            if repaired.before.findings:
                _print_report(report)
    else:
        report = check_store(db)
        if as_json:
            typer.echo(dumps(report.to_dict()))
        else:
            _print_report(report)
            if not report.consistent and report.repairable:
                typer.echo("Run 'dateline check --repair' to rebuild the derived data from the stored articles.")
    if not report.consistent:
        raise typer.Exit(INCONSISTENT_EXIT_CODE)


def _print_report(report: IntegrityReport) -> None:
    size = (
        f"schema {report.schema_version}; {report.articles} articles, "
        f"{report.sentences} sentences, {report.mentions} time mentions"
    )
    if report.consistent:
        typer.echo(f"{report.path}: consistent ({size})")
    else:
        typer.echo(f"{report.path}: {len(report.findings)} problems ({size})")
    for finding in report.findings:
        fix = "repairable" if finding.repairable else "not repairable"
        typer.echo(f"  {finding.check}: {finding.count} {finding.message} [{fix}]")
    for what in report.unchecked:
        typer.echo(f"  not checked: {what}")


def _print_repair(repaired: RepairReport) -> None:
    if repaired.skipped_because:
        typer.echo("Not repaired: restore a backup, or ingest the articles into a new store.")
        return
    done = [
        "migrated the schema" if repaired.migrated else "",
        f"re-analysed {repaired.reanalyzed} articles" if repaired.reanalyzed else "",
        "rebuilt the full-text index" if repaired.fts_rebuilt else "",
    ]
    typer.echo("Repair: " + ("; ".join(step for step in done if step) or "nothing to do") + ".")


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
