"""Verifying a store, and rebuilding its derived data from the stored articles.

A store holds primary data, the articles (date, text, source), and data derived from
them: the FTS5 index, and the sentence spans and time mentions stored in each article's
row. Every write is one transaction, so a crash (even ``kill -9``) should never leave
them out of step; ``check_store`` proves it, for a test, a benchmark or a worried user.
``repair_store`` rebuilds whatever derived data is wrong from the articles, whose own
fields (id, date, text, source) it never modifies, so a repair cannot lose anything
that was stored.

The check reads one consistent snapshot: it holds the write lock for its duration (about
a second per 1,000 articles), so an ingest running beside it waits rather than changing
what is being compared. A store this process may not write is checked read-only, in one
read transaction, except FTS5's own ``integrity-check``, which SQLite runs only where it
may write: the index is then compared with the articles by row id alone, and the report
says so (``IntegrityReport.unchecked``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import StoreError
from dateline.model import Article, BatchAnalysis
from dateline.store.bulk import analysis_columns
from dateline.store.mentions import MENTION_COUNT
from dateline.store.schema import SCHEMA_VERSION, migrate
from dateline.store.spans import SPAN_BYTES, spans_fit
from dateline.store.sqlite import BUSY_TIMEOUT_MS, SECURE_DELETE, Store, read_only_connection, unwritable

REANALYSIS_BATCH = 256
FTS_UNCHECKED = (
    "the full-text index's content (the store is read-only, and SQLite runs FTS5's "
    "integrity-check only where it may write; the index was compared by row id)"
)

Analysis = Callable[[Sequence[Article]], BatchAnalysis]
"""What re-analyses articles for a repair: the analysis ingest runs, given by the layer
that composes analysis and store (``dateline.ingest.repair``); the store does not depend
on the analysis."""

# ``spans_fit`` is ``dateline.store.spans.spans_fit``, registered on the connection.
_ARTICLES_WITH_BAD_SENTENCES = """
    SELECT rowid FROM articles WHERE NOT spans_fit(spans, length(text))
"""
# A mention is ``[sentence, start, end, ...]`` (``dateline.store.mentions``). The text's
# length and the number of sentences are compared with the largest end and sentence of
# the article's mentions, once per article: compared with each mention, SQLite read and
# counted the whole text again for every mention, so checking an article took time
# quadratic in its size (docs/reliability.md).
_ARTICLES_WITH_BAD_MENTIONS = f"""
    SELECT a.rowid FROM articles a
    WHERE CASE WHEN json_valid(a.mentions) AND json_type(a.mentions) = 'array' THEN (
        SELECT count(*) FILTER (WHERE j.value->>1 < 0 OR j.value->>1 >= j.value->>2
                                   OR j.value->>0 < 0) > 0
            OR max(j.value->>2) > length(a.text)
            OR max(j.value->>0) >= length(a.spans) / {SPAN_BYTES}
        FROM json_each(a.mentions) j
    ) ELSE 1 END
"""
_REANALYSIS_CHECKS: tuple[tuple[str, str, str], ...] = (
    (
        "sentence-spans",
        "articles whose sentence spans are missing, empty, outside the text or not whole",
        _ARTICLES_WITH_BAD_SENTENCES,
    ),
    (
        "mention-spans",
        "articles whose time mentions are empty, outside the text or in a sentence that does not exist",
        _ARTICLES_WITH_BAD_MENTIONS,
    ),
)
# What the articles' derived columns count for: sentences, and mentions.
_SENTENCES = f"coalesce(sum(length(spans)), 0) / {SPAN_BYTES}"
_MENTIONS = f"coalesce(sum({MENTION_COUNT}), 0)"


@dataclass(frozen=True, slots=True)
class Finding:
    """One kind of inconsistency: which check found it, what is wrong, how many rows or
    articles it touches, and whether ``repair_store`` can fix it."""

    check: str
    message: str
    count: int
    repairable: bool


@dataclass(frozen=True)
class IntegrityReport:
    """The state of a store: its size and what is wrong with it (nothing, when consistent)."""

    path: str
    schema_version: int
    articles: int
    sentences: int
    mentions: int
    findings: tuple[Finding, ...] = ()
    unchecked: tuple[str, ...] = ()  # what could not be checked, and why

    @property
    def consistent(self) -> bool:
        return not self.findings

    @property
    def repairable(self) -> bool:
        return all(finding.repairable for finding in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"consistent": self.consistent}


@dataclass(frozen=True)
class RepairReport:
    """What a repair did, and the state before and after it."""

    before: IntegrityReport
    after: IntegrityReport
    migrated: bool = False
    reanalyzed: int = 0
    fts_rebuilt: bool = False
    skipped_because: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        done = {key: value for key, value in asdict(self).items() if key not in ("before", "after")}
        return {"before": self.before.to_dict(), "after": self.after.to_dict(), "repair": done}


def check_store(path: Path | str) -> IntegrityReport:
    """Verify the store at ``path``: SQLite's own ``integrity_check``, the schema version,
    the FTS5 index against the articles, each article's sentences and mentions against its
    text.

    An empty SQLite file (an ingest killed while creating the store) is an empty, consistent
    store: the next ingest creates its tables. Raises ``StoreError`` when there is no file
    at ``path`` or it is not a dateline store; everything else wrong is a ``Finding``.
    """
    read_only = bool(unwritable(Path(path)))
    with _connection(path, read_only) as connection:
        connection.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
        try:
            return _inspect(connection, str(path), read_only)
        finally:
            connection.execute("ROLLBACK")


def repair_store(path: Path | str, analyze: Analysis) -> RepairReport:
    """Rebuild the derived data of the store at ``path`` where ``check_store`` finds it
    wrong: migrate an older schema, re-analyse with ``analyze`` the articles whose
    analysis is missing or broken, and rebuild the FTS5 index. Each step is a
    transaction, so an interrupted repair leaves a store that a second repair completes.

    A store SQLite itself finds damaged, or written by a newer dateline, is not touched
    (``skipped_because`` says why): restore a backup or ingest into a new store.
    """
    why_not = unwritable(Path(path))
    if why_not:
        raise StoreError(f"{path}: cannot write to the store: {why_not}")
    before = check_store(path)
    if not before.repairable:
        reasons = tuple(f.message for f in before.findings if not f.repairable)
        return RepairReport(before, before, skipped_because=reasons)
    found = {finding.check for finding in before.findings}
    where = str(path)
    with _connection(path) as connection:
        store = Store(connection, where)
        migrated = "schema" in found
        if migrated:
            migrate(connection, where)
        reanalyzed = _reanalyze(store, connection, analyze)
        fts_rebuilt = "fts" in found
        if fts_rebuilt:
            with store.transaction() as db:
                db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    return RepairReport(before, check_store(path), migrated, reanalyzed, fts_rebuilt)


@contextmanager
def _connection(path: Path | str, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """An autocommit connection to an existing store (never creates an empty file)."""
    if not Path(path).is_file():
        raise StoreError(f"{path}: no store here; run 'dateline ingest' first")
    try:
        connection = (
            read_only_connection(Path(path))[0]
            if read_only
            else sqlite3.connect(
                Path(path).absolute().as_uri() + "?mode=rw",
                uri=True,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        )
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open store: {error}") from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")
        connection.create_function("spans_fit", 2, spans_fit, deterministic=True)
        yield connection
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot check store: {error}") from None
    finally:
        connection.close()


def _inspect(db: sqlite3.Connection, where: str, read_only: bool) -> IntegrityReport:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    try:
        damage = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        damage = [str(error)]
    if damage != ["ok"]:
        finding = Finding("sqlite", f"SQLite reports the file damaged: {damage[0]}", len(damage), False)
        return IntegrityReport(where, version, 0, 0, 0, (finding,))
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and not tables:
        return IntegrityReport(where, version, 0, 0, 0)
    if version == 0 or "articles" not in tables:
        raise StoreError(f"{where}: this SQLite file is not a dateline store")
    if version != SCHEMA_VERSION:
        newer = version > SCHEMA_VERSION
        finding = Finding(
            "schema",
            f"schema version {version}, this dateline uses {SCHEMA_VERSION}" + ("; upgrade dateline" if newer else ""),
            1,
            not newer,
        )
        return IntegrityReport(where, version, 0, 0, 0, (finding,))
    findings = [_fts_finding(db, read_only), *_analysis_findings(db)]
    articles, sentences, mentions = db.execute(f"SELECT count(*), {_SENTENCES}, {_MENTIONS} FROM articles").fetchone()
    return IntegrityReport(
        where,
        version,
        articles,
        sentences,
        mentions,
        tuple(finding for finding in findings if finding is not None),
        (FTS_UNCHECKED,) if read_only else (),
    )


def _fts_finding(db: sqlite3.Connection, read_only: bool) -> Finding | None:
    """Compare the FTS5 index with the articles, with FTS5's own ``integrity-check``
    (which, with rank 1, re-tokenizes the content table; not on a read-only store) and
    by row ids, to say how many articles are missing from the index and how many index
    entries have no article."""
    missing = db.execute(
        "SELECT count(*) FROM articles WHERE rowid NOT IN (SELECT id FROM articles_fts_docsize)"
    ).fetchone()[0]
    extra = db.execute(
        "SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT rowid FROM articles)"
    ).fetchone()[0]
    try:
        if not read_only:
            db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        matches = True
    except sqlite3.DatabaseError:
        matches = False
    if matches and not missing and not extra:
        return None
    detail = f"{missing} not indexed, {extra} index entries without an article"
    return Finding(
        "fts", f"articles missing from or stale in the full-text index ({detail})", max(missing + extra, 1), True
    )


def _analysis_findings(db: sqlite3.Connection) -> Iterator[Finding]:
    for check, message, query in _REANALYSIS_CHECKS:
        count = db.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
        if count:
            yield Finding(check, message, count, True)


def _reanalyze(store: Store, db: sqlite3.Connection, analyze: Analysis) -> int:
    """Replace the sentences and mentions of every article whose analysis is wrong with a
    fresh analysis of its stored text (``analyze``, as ingest does), a batch per
    transaction. Analysis runs outside the transaction (article texts never change), so
    writers wait only for the updates."""
    union = " UNION ".join(query for _, _, query in _REANALYSIS_CHECKS)
    rowids = [row[0] for row in db.execute(f"SELECT rowid FROM ({union}) ORDER BY rowid")]
    for start in range(0, len(rowids), REANALYSIS_BATCH):
        chunk = rowids[start : start + REANALYSIS_BATCH]
        marks = ",".join("?" * len(chunk))
        ids = db.execute(f"SELECT rowid, id FROM articles WHERE rowid IN ({marks})", chunk).fetchall()
        found = [(rowid, store.get_article(article_id)) for rowid, article_id in ids]
        stored = [(rowid, article) for rowid, article in found if article is not None]
        analysis = analyze([article for _, article in stored])
        with store.transaction() as writer:
            writer.executemany(
                "UPDATE articles SET spans = ?, mentions = ? WHERE rowid = ?",
                [(*columns, rowid) for (rowid, _), columns in zip(stored, analysis_columns(analysis), strict=True)],
            )
    return len(rowids)
