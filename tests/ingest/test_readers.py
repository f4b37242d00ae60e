"""Each reader on real and hand-made files: what it yields and how it reports problems."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dateline.errors import InputProblem
from dateline.ingest import read_articles
from dateline.model import Article


def read(*paths: Path) -> tuple[list[Article], list[InputProblem]]:
    items = list(read_articles(paths))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]


def test_seed_samples_are_read_with_their_dates_and_titles(samples: Path) -> None:
    articles, problems = read(samples)
    assert problems == []
    by_date = {a.published: a for a in articles}
    assert set(by_date) == {dt.date(2023, 7, 28), dt.date(2020, 10, 7)}
    assert by_date[dt.date(2023, 7, 28)].text.startswith("On Thursday, India and Japan")
    assert by_date[dt.date(2023, 7, 28)].title == ""
    assert by_date[dt.date(2020, 10, 7)].title.startswith("India, Japan hold strategic dialogue")


def test_plaintext_headline_on_the_date_line_is_the_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2014-09-01 Modi and Abe agree a new partnership\n\nBody text here.\n")
    [article], _ = read(tmp_path / "a.txt")
    assert article.title == "Modi and Abe agree a new partnership"
    assert article.text.startswith("Modi and Abe")


def test_plaintext_without_date_marker_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text("Just some text.\n")
    _, [problem] = read(path)
    assert (problem.path, problem.line, problem.field) == (str(path), 1, "date")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023-02-30", "not a real calendar date"),
        ("1066-10-14", "before 1800"),
        ("2999-01-01", "in the future"),
        ("yesterday", "expected a date (YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(tmp_path: Path, raw: str, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(f" date {raw} Some text.\n")
    _, [problem] = read(path)
    assert expected in str(problem)


def test_undecodable_bytes_report_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b" date 2020-01-01 Fine first line.\nCaf\xe9 on line two.\n")
    _, [problem] = read(path)
    assert problem.line == 2 and "not valid UTF-8" in problem.message


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2020-01-01 A title with some words\r\n\r\nBody.\r\n")
    [article], problems = read(path)
    assert problems == [] and "\r" not in article.text


def test_jsonl_records_and_their_problems_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"date": "2020-10-07", "text": "Talks in Tokyo.", "title": "T", "url": "u", "id": "x1"}),
        "{not json",
        json.dumps({"published": "2020-10-08T09:30:00Z", "text": "Second day."}),
        json.dumps({"date": "2020-10-09"}),
        "",
        json.dumps({"time": "2020-10-10", "text": "  "}),
    ]
    path.write_text("\n".join(lines) + "\n")
    articles, problems = read(path)
    assert [a.published for a in articles] == [dt.date(2020, 10, 7), dt.date(2020, 10, 8)]
    assert articles[0].source.endswith("feed.jsonl:1#x1")
    assert [(p.line, p.field) for p in problems] == [(2, None), (4, "text"), (6, "text")]


def test_csv_rows_with_quoted_newlines_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text('date,title,text\n2021-01-01,A,"one\ntwo"\nnot-a-date,B,text\n2021-01-03,C,fine\n')
    articles, [problem] = read(path)
    assert [a.text for a in articles] == ["one\ntwo", "fine"]
    assert (problem.line, problem.field) == (4, "date")


def test_csv_without_needed_columns_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("when,body\n2021-01-01,x\n")
    _, [problem] = read(path)
    assert problem.line == 1 and "'text'" in problem.message


def test_json_array_and_articles_object(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"date": "2020-01-01", "text": "A."}]))
    (tmp_path / "b.json").write_text(json.dumps({"articles": [{"date": "2020-01-02", "text": "B."}]}))
    articles, problems = read(tmp_path)
    assert problems == [] and [a.text for a in articles] == ["A.", "B."]


def test_timeline17_layout_reads_only_inputdocs_with_folder_dates(shared_data: Path) -> None:
    articles, problems = read(shared_data / "t17" / "EgyptianProtest_cnn")
    files = list((shared_data / "t17" / "EgyptianProtest_cnn" / "InputDocs").glob("*/*"))
    assert len(articles) + len(problems) == len(files)
    assert {a.collection for a in articles} == {"EgyptianProtest_cnn"}
    assert all(a.lines_are_sentences for a in articles)
    # 2011-02-10/93.htm.txt is reader comments from its first line
    assert {p.message for p in problems} <= {"empty file", "no article text: every line is page furniture"}
    assert min(a.published for a in articles) == dt.date(2011, 1, 25)


def test_same_content_gets_the_same_id_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2020-01-01 Same words here.\n")
    (tmp_path / "b.txt").write_text(" date 2020-01-01 Same   words\nhere.\n")
    first, second = read(tmp_path)[0]
    assert first.id == second.id


def test_missing_path_is_reported(tmp_path: Path) -> None:
    _, [problem] = read(tmp_path / "nope")
    assert "no such file" in problem.message
