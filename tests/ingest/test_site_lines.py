"""The lines a site opens many of its pages with (``dateline.ingest.site_lines``), and the
titles the Timeline17 reader takes without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from dateline.ingest import read_articles, site_lines
from dateline.ingest.site_lines import MIN_DAYS, MIN_PAGES, OPENING_LINES, folder_opening_lines, shared_opening_lines

LINK = "2 men charged in death of Chicago teen who performed in inauguration event ."


def test_a_line_opening_pages_of_several_days_is_the_sites() -> None:
    pages = [("2011-01-28", [LINK, "Cairo burns ."]), ("2011-01-29", [LINK]), ("2011-02-01", ["Intro .", LINK + " "])]
    assert shared_opening_lines(pages) == {LINK}


def test_a_line_on_fewer_pages_or_days_is_not() -> None:
    same_day = [("2011-01-28", [LINK])] * 5
    two_pages = [("2011-01-28", [LINK]), ("2011-01-29", [LINK])]
    assert MIN_DAYS == 2 and MIN_PAGES == 3
    assert shared_opening_lines(same_day) == shared_opening_lines(two_pages) == frozenset()


@given(st.lists(st.tuples(st.sampled_from(["d1", "d2", "d3"]), st.lists(st.sampled_from(["a", "b", " c", ""])))))
def test_the_lines_found_do_not_depend_on_the_order_of_pages_or_repeats_within_one(
    pages: list[tuple[str, list[str]]],
) -> None:
    found = shared_opening_lines(pages)
    assert found == shared_opening_lines(reversed(pages))
    assert found == shared_opening_lines([(day, lines * 2) for day, lines in pages])
    assert "" not in found and all(line == line.strip() for line in found)


def _page(folder: Path, day: str, name: str, lines: list[str]) -> Path:
    path = folder / "cnn" / "InputDocs" / day / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_site_line_is_not_taken_as_a_pages_title(tmp_path: Path) -> None:
    first = _page(tmp_path, "2011-01-28", "1.txt", [LINK, "Protesters defied a curfew in Cairo on Friday ."])
    _page(tmp_path, "2011-01-29", "2.txt", [LINK, "Mubarak named a vice president on Saturday ."])
    _page(tmp_path, "2011-01-30", "3.txt", [LINK, "ElBaradei spoke to the crowds on Sunday ."])
    [article] = read_articles([first])
    assert article.title == "Protesters defied a curfew in Cairo on Friday."
    assert article.text.startswith("2 men charged")  # the line stays in the text


def test_a_line_below_the_opening_lines_does_not_count(tmp_path: Path) -> None:
    def filler(day: int) -> list[str]:
        return [f"Sentence {n} of day {day} ." for n in range(OPENING_LINES - 1)]

    for day in (1, 2, 3):
        _page(tmp_path, f"2011-01-2{day}", "1.txt", [f"Headline of day {day} here .", *filler(day), LINK, "Last ."])
    assert folder_opening_lines(tmp_path / "cnn" / "InputDocs") == set()
    # one line higher, it is an opening line of every page
    for day in (1, 2, 3):
        _page(tmp_path, f"2011-01-2{day}", "1.txt", [f"Headline of day {day} here .", *filler(day)[1:], LINK])
    assert folder_opening_lines(tmp_path / "cnn" / "InputDocs") == {LINK}


def test_pages_with_a_bom_or_carriage_returns_are_read_as_the_reader_reads_them(tmp_path: Path) -> None:
    for day, (encoding, newline) in enumerate([("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("utf-8", "\r")], start=1):
        path = tmp_path / "cnn" / "InputDocs" / f"2011-01-2{day}" / "1.txt"
        path.parent.mkdir(parents=True)
        path.write_bytes(newline.join([LINK, f"Story {day} ."]).encode(encoding))
    assert folder_opening_lines(tmp_path / "cnn" / "InputDocs") == {LINK}


def test_a_day_folder_that_cannot_be_listed_is_passed_by(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions do not bind root, who runs CI: listing the second day fails as it would.
    first = _page(tmp_path, "2011-01-25", "1.txt", [LINK, "Protesters defied a curfew in Cairo on Friday ."])
    _page(tmp_path, "2011-01-26", "1.txt", [LINK, "More ."])
    scandir = os.scandir

    def denied(path: str) -> object:
        if str(path).endswith("2011-01-26"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(site_lines.os, "scandir", denied)
    assert [article.title for article in read_articles([first])] == [LINK.replace(" .", ".")]


def test_cnns_related_story_link_names_none_of_the_egypt_pages(shared_data: Path) -> None:
    # It opened 58 of the topic's 273 pages, over 19 days, and was their title. Now the
    # page's next line is: here the first of CNN's list of the day's stories, which
    # appears on too few pages to be told from a headline.
    [article] = read_articles([shared_data / "t17/EgyptianProtest_cnn/InputDocs/2011-02-11/239.htm.txt"])
    assert article.title.startswith("Mubarak resigns presidency: Egyptian President Hosni Mubarak stepped down")


def test_a_large_folder_is_sampled_evenly(tmp_path: Path, monkeypatch) -> None:
    # 30 pages over 10 days, the link on every third; a sample of 10 pages (every third
    # from the first) sees it on all of them, and reads no more than 10 files.
    for number in range(30):
        lines = [LINK] if number % 3 == 0 else [f"Story {number} ."]
        _page(tmp_path, f"2011-01-{10 + number // 3}", f"{number:02}.txt", lines)
    monkeypatch.setattr(site_lines, "SAMPLED_PAGES", 10)
    opened: list[Path] = []
    read = site_lines._opening_lines
    monkeypatch.setattr(site_lines, "_opening_lines", lambda path: opened.append(path) or read(path))
    assert folder_opening_lines(tmp_path / "cnn" / "InputDocs") == {LINK}
    assert len(opened) == 10


def test_a_headline_that_starts_with_a_site_line_keeps_its_words(tmp_path: Path) -> None:
    for day in (1, 2, 3):
        _page(tmp_path, f"2011-01-2{day}", "1.txt", ["Egypt protests continue", f"Story {day} of the day ."])
    page = _page(
        tmp_path,
        "2011-01-24",
        "1.txt",
        [
            "Egypt protests continue for a fifth day as Mubarak holds on",
            "CAIRO -LRB- Reuters -RRB- - Thousands marched in Cairo on Monday .",
        ],
    )
    [article] = read_articles([page])
    assert article.title == "Egypt protests continue for a fifth day as Mubarak holds on"
