"""Bad input never crashes dateline or costs other articles: each kind of bad file in the
generated corpus (``bad_inputs.py``) is read correctly or refused with a problem naming
the file and line, alone and all together through the real CLI."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from bad_inputs import KINDS, Expect, remove_tree, write_corpus
from reliability_support import run_dateline

from dateline.errors import InputProblem
from dateline.ingest import read_articles
from dateline.ingest.decode import display_path
from dateline.ingest.job import ingest_items
from dateline.ingest.records import record_to_article
from dateline.model import Article
from dateline.store import Store
from dateline.store.duplicates import MAX_HOLDERS_PER_KEY, BandIndex
from dateline.text.dedup import BANDS

MINIMUM_KINDS = 50


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Expect]]]:
    root = tmp_path_factory.mktemp("bad-inputs")
    expected = write_corpus(root)
    yield root, expected
    remove_tree(root)


def read(*paths: Path, **options: int) -> tuple[list[Article], list[InputProblem]]:
    items = list(read_articles(paths, **options))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]


def test_the_corpus_has_at_least_fifty_kinds_of_bad_input() -> None:
    assert len(KINDS) >= MINIMUM_KINDS


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_read_or_refused_naming_the_file_and_line(
    corpus: tuple[Path, dict[str, Expect]], kind: str
) -> None:
    root, expected = corpus
    articles, problems = read(root / kind)
    want = expected[kind]
    assert len(articles) == want.articles, problems
    found = [(problem.path, problem.line, str(problem)) for problem in problems]
    assert len(found) == len(want.problems), found
    for problem in want.problems:
        path = display_path(root / kind / problem.file)
        assert any(p == path and line == problem.line and problem.says in text for p, line, text in found), (
            f"expected {path}:{problem.line} saying {problem.says!r}; got {found}"
        )
    assert all(article.text.strip() and article.source for article in articles)


def test_the_whole_corpus_through_the_cli_stores_every_good_article(
    corpus: tuple[Path, dict[str, Expect]], tmp_path: Path
) -> None:
    root, expected = corpus
    articles, problems = read(root)
    db = tmp_path / "store.db"
    result = run_dateline("ingest", root, "--db", db, "--quiet", "--workers", "2")
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db) as connection:
        stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    assert stored == {article.id for article in articles}
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(problems) == sum(len(want.problems) for want in expected.values())
    check = run_dateline("check", "--db", db, "--json")
    assert check.returncode == 0 and json.loads(check.stdout)["articles"] == len(stored)


def test_fail_mode_stops_at_the_first_bad_file_with_one_error_line(
    corpus: tuple[Path, dict[str, Expect]], tmp_path: Path
) -> None:
    root, _ = corpus
    result = run_dateline("ingest", root / "latin1-text", "--db", tmp_path / "s.db", "--on-error", "fail")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(f"Error: {root / 'latin1-text' / 'a.txt'}:3:")


def test_the_article_size_limit_is_a_parameter(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2020-03-01 " + "word " * 300)
    (tmp_path / "b.jsonl").write_text(json.dumps({"date": "2020-03-01", "text": "word " * 300}) + "\n")
    articles, problems = read(tmp_path, max_chars=1000)
    assert articles == [] and [(p.field, p.line) for p in problems] == [("text", None), ("text", 1)]
    assert all("longer than the limit of 1,000 characters" in p.message for p in problems)
    assert len(read(tmp_path, max_chars=2000)[0]) == 2


def test_a_file_too_large_for_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    with path.open("wb") as sparse:
        sparse.truncate(1 << 40)
    _, [problem] = read(path, max_chars=1000)
    assert "longer than the limit" in problem.message


def test_an_overlong_jsonl_line_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    good = json.dumps({"date": "2020-03-01", "text": "Fine."})
    path.write_text(good + "\n" + "x" * 5_000_000 + "\n" + good.replace("Fine", "Also fine") + "\n")
    articles, [problem] = read(path, max_chars=100_000)
    assert [a.text for a in articles] == ["Fine.", "Also fine."]
    assert problem.line == 2 and "line longer than" in problem.message


def test_a_hundred_thousand_tiny_articles_in_one_file_are_all_read(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    with path.open("w") as out:
        for number in range(100_000):
            out.write(f'{{"date": "2020-01-{number % 28 + 1:02d}", "text": "Item {number}."}}\n')
    articles, problems = read(path)
    assert problems == [] and len({article.id for article in articles}) == 100_000


def unprivileged_read(paths: list[Path]) -> tuple[int, list[tuple[str, int | None, str]]]:
    """Read ``paths`` as an unprivileged user, so that file permissions apply even when
    the tests run as root: a forked child drops to ``nobody`` (Python is already loaded)
    and sends back how many articles it read and the problems it met."""

    def summary() -> tuple[int, list[tuple[str, int | None, str]]]:
        articles, problems = read(*paths)
        return len(articles), [(p.path, p.line, p.message) for p in problems]

    if os.geteuid() != 0:
        return summary()
    receive, send = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(receive)
        try:
            os.setgid(65534)
            os.setuid(65534)
            os.write(send, json.dumps(summary()).encode())
        finally:
            os._exit(0)
    os.close(send)
    with os.fdopen(receive) as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    articles, problems = json.loads(data)
    return articles, [tuple(problem) for problem in problems]


@pytest.fixture
def world_readable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder outside pytest's private temp folder, that ``nobody`` can enter."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"dateline-perm-{os.getpid()}"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    remove_tree(folder)


def test_unreadable_files_and_folders_are_reported_and_the_rest_is_read(world_readable: Path) -> None:
    plain = " date 2020-03-01 A headline with some words\n\nBody text.\n"
    for name in ("ok.txt", "secret.txt", "locked/inside.txt", "sealed/inside.txt"):
        (world_readable / name).parent.mkdir(exist_ok=True, mode=0o755)
        (world_readable / name).write_text(plain.replace("Body", name))
        (world_readable / name).chmod(0o644)
    (world_readable / "secret.txt").chmod(0o000)
    (world_readable / "locked").chmod(0o000)
    (world_readable / "sealed").chmod(0o644)
    articles, problems = unprivileged_read([world_readable, world_readable / "sealed" / "inside.txt"])
    assert articles == 1
    by_file = {Path(path).relative_to(world_readable).as_posix(): message for path, _, message in problems}
    assert by_file == {
        "secret.txt": "cannot read file: Permission denied",
        "locked": "cannot list folder: Permission denied",
        "sealed/inside.txt": "cannot examine: Permission denied",
    }


MAX_CANDIDATES = BANDS * MAX_HOLDERS_PER_KEY


def test_each_new_article_is_matched_against_a_bounded_number_of_stored_ones(tmp_path: Path) -> None:
    """1,500 "Item N was approved on Monday." articles share band keys: the stored articles
    a new one is compared with (the candidates ``shared_keys`` returns) must not grow with
    the store, or ingest time grows with its square (20,000 such articles took 100 s)."""
    candidates: list[int] = []
    shared_keys = BandIndex.shared_keys

    def spy(index: BandIndex, keys: np.ndarray) -> list[dict[int, int]]:
        found = shared_keys(index, keys)
        candidates.extend(len(article) for article in found)
        return found

    records = ({"date": "2020-01-01", "text": f"Item {number} was approved on Monday."} for number in range(1500))
    with mock.patch.object(BandIndex, "shared_keys", spy), Store.open(tmp_path / "store.db") as store:
        ingest_items(store, (record_to_article(record, "feed", None) for record in records))
    assert max(candidates) <= MAX_CANDIDATES
