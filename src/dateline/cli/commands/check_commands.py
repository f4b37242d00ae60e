"""``dateline check``: prove the store consistent, or rebuild its derived data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    made it so), 1 when not. A sharded store is checked shard by shard, then its story
    index, stories.db, which --repair deletes when it is damaged or out of step with the
    shards ('dateline stories' rebuilds it) (with --json: {"shards": [report, ...],
    "stories": {"path", "assigned", "findings", "consistent"} or null})."""
    from dateline.shards.manifest import is_sharded, shard_files

    paths = shard_files(db) if is_sharded(db) else [db]
    checked = [_check(path, repair, as_json) for path in paths]
    index = _check_index(db, repair, as_json) if is_sharded(db) else None
    if as_json:
        reports = [report for _, report in checked]
        typer.echo(dumps({"shards": reports, "stories": index and index[1]} if is_sharded(db) else reports[0]))
    if not all(consistent for consistent, _ in [*checked, *([index] if index else [])]):
        raise typer.Exit(INCONSISTENT_EXIT_CODE)


def _check_index(folder: Path, repair: bool, as_json: bool) -> tuple[bool, dict[str, Any]] | None:
    """Check a sharded store's story index (None when it has none); with ``repair``,
    delete a faulty one."""
    from dateline.shards.stories import check_index
    from dateline.shards.story_index import delete_index

    report = check_index(folder)
    if report is None:
        return None
    if not as_json:
        if report.consistent:
            typer.echo(f"{report.path}: consistent (stories of {report.assigned} articles)")
        for finding in report.findings:
            typer.echo(f"{report.path}: {finding}")
    if report.consistent or not repair:
        return report.consistent, report.to_dict()
    delete_index(folder)
    if not as_json:
        typer.echo(f"Repair: deleted {report.path}; the next 'dateline stories' rebuilds it.")
    return True, report.to_dict() | {"deleted": True}


def _check(db: Path, repair: bool, as_json: bool) -> tuple[bool, dict[str, Any]]:
    """Check (and with ``repair``, repair) one store; print the report unless ``as_json``;
    return whether it is consistent (after a repair) and the report as JSON shows it."""
    from dateline.store.integrity import check_store

    if repair:
        from dateline.ingest.repair import repair_store  # loads the tagger

        repaired = repair_store(db)
        if not as_json:
            _print_report(repaired.before)
            _print_repair(repaired)
            if repaired.before.findings:
                _print_report(repaired.after)
        return repaired.after.consistent, repaired.to_dict()
    report = check_store(db)
    if not as_json:
        _print_report(report)
        if not report.consistent and report.repairable:
            typer.echo("Run 'dateline check --repair' to rebuild the derived data from the stored articles.")
    return report.consistent, report.to_dict()


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
