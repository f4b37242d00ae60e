"""``FileWatch``: which files a watch hands over to ingest, and when."""

from __future__ import annotations

import os
from pathlib import Path

from dateline.ingest.watch import FileWatch

ARTICLE = '{"date": "2024-05-01", "title": "t", "text": "Some text."}\n'


def test_files_present_at_the_start_are_handed_over_at_once_and_only_once(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(ARTICLE, encoding="utf-8")
    watch = FileWatch([tmp_path])
    assert watch.poll() == ([tmp_path / "a.jsonl"], [])
    assert watch.poll() == ([], [])


def test_a_new_file_waits_until_it_looks_the_same_on_two_polls(tmp_path: Path) -> None:
    watch = FileWatch([tmp_path])
    watch.poll()
    growing = tmp_path / "b.jsonl"
    growing.write_text(ARTICLE, encoding="utf-8")
    assert watch.poll()[0] == [] and watch.settling
    growing.write_text(ARTICLE * 2, encoding="utf-8")  # still being written
    assert watch.poll()[0] == [] and watch.settling
    assert watch.poll()[0] == [growing] and not watch.settling


def test_a_changed_file_is_handed_over_again(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(ARTICLE, encoding="utf-8")
    watch = FileWatch([tmp_path])
    watch.poll()
    feed.write_text(ARTICLE * 2, encoding="utf-8")
    os.utime(feed, ns=(1, 1))
    watch.poll()
    assert watch.poll()[0] == [feed]


def test_a_problem_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01binary")
    watch = FileWatch([tmp_path])
    first = watch.poll()[1]
    assert len(first) == 1 and "notes.bin" in str(first[0])
    assert watch.poll()[1] == []
