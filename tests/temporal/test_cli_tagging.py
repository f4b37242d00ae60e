"""``dateline tag`` and ``dateline eval-tagger`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.temporal.timeml import read_timeml

runner = CliRunner()

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-07-28" temporalFunction="false" functionInDocument="CREATION_TIME">July 28, 2023</TIMEX3></DCT>
<TEXT>Prices &amp; wages rose <TIMEX3 tid="t1" type="DATE" value="2023-06">last month</TIMEX3>, officials said <TIMEX3 tid="t2" type="DATE" value="2023-07-27">Thursday</TIMEX3>, and will rise <TIMEX3 tid="t3" type="DATE" value="2024">next year</TIMEX3>.</TEXT>
</TimeML>
"""  # noqa: E501 (the TimeML the command prints, line for line)


def test_tag_prints_offsets_and_values_as_json(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("On Thursday, sales fell last month.", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(article), "--dct", "2023-07-28"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["dct"] == "2023-07-28"
    assert [(t["start"], t["text"], t["value"]) for t in record["timexes"]] == [
        (3, "Thursday", "2023-07-27"),
        (24, "last month", "2023-06"),
    ]


def test_tag_as_timeml_reads_back_to_the_same_timexes(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Q&A <b> on Thursday, sales fell last month.", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(article), "--dct", "2023-07-28", "--format", "timeml"])
    assert result.exit_code == 0, result.output
    (tmp_path / "out.tml").write_text(result.output, encoding="utf-8")
    document = read_timeml(tmp_path / "out.tml")
    assert document.text == article.read_text(encoding="utf-8")
    assert [(t.text, t.value) for t in document.timexes] == [("Thursday", "2023-07-27"), ("last month", "2023-06")]


def test_tag_rejects_a_malformed_dct_with_one_line(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("today", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(article), "--dct", "28/07/2023"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_tag_names_a_missing_file(tmp_path: Path):
    result = runner.invoke(app, ["tag", str(tmp_path / "missing.txt"), "--dct", "2023-07-28"])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.output
    assert "Traceback" not in result.output


def test_eval_tagger_scores_a_corpus_and_writes_predictions(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc1.tml").write_text(GOLD, encoding="utf-8")
    result = runner.invoke(app, ["eval-tagger", str(corpus), "--json", "--out", str(tmp_path / "pred")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert {"strict_f1", "relaxed_f1", "type_acc", "value_f1", "docs_per_s"} <= set(summary)
    assert summary["strict_f1"] == summary["value_f1"] == 1.0
    prediction = json.loads((tmp_path / "pred" / "doc1.json").read_text())
    text = read_timeml(corpus / "doc1.tml").text
    assert prediction["dct"] == "2023-07-28"
    assert all(text[t["start"] : t["end"]] == t["text"] for t in prediction["timexes"])


def test_eval_tagger_prints_a_table(tmp_path: Path):
    (tmp_path / "doc1.tml").write_text(GOLD, encoding="utf-8")
    result = runner.invoke(app, ["eval-tagger", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "relaxed" in result.output and "value F1 1.000" in result.output


def test_eval_tagger_reports_a_folder_without_timeml(tmp_path: Path):
    result = runner.invoke(app, ["eval-tagger", str(tmp_path)])
    assert result.exit_code == 1
    assert "no *.tml TimeML files found" in result.output


def test_ingest_stores_the_mentions_that_dateline_tag_prints(tmp_path: Path):
    """One tagger for both: what an ingest stores for an article is what ``dateline tag``
    finds in the article's stored text against its publication date."""
    from dateline.store import Store

    story = (
        "Protesters returned on Friday, Oct. 23, a day after talks collapsed. At 10 p.m. "
        "police withdrew; talks resume after the weekend, two to three weeks late.\n"
        "Prices rose in recent days, as in the 1990s, and are paid daily.\n"
    )
    (tmp_path / "story.txt").write_text(" date 1998-10-26 " + story, encoding="utf-8")
    db = tmp_path / "store.db"
    ingested = runner.invoke(app, ["ingest", str(tmp_path / "story.txt"), "--db", str(db), "-q", "--workers", "2"])
    assert ingested.exit_code == 0, ingested.output
    with Store.open(db) as store:
        [analyzed] = store.analyzed_articles(store.match_articles(None))
    stored = [(m.start, m.end, m.text, m.type, m.value) for m in analyzed.mentions]
    (tmp_path / "stored.txt").write_text(analyzed.article.text, encoding="utf-8")
    tagged = runner.invoke(app, ["tag", str(tmp_path / "stored.txt"), "--dct", "1998-10-26"])
    printed = [(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in json.loads(tagged.output)["timexes"]]
    assert len(stored) >= 8
    assert stored == printed
