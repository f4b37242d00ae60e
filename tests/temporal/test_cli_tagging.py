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
"""


def test_tag_prints_offsets_and_values_as_json(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("On Thursday, sales fell last month.", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(article), "--dct", "2023-07-28"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["dct"] == "2023-07-28"
    assert [(t["start"], t["text"], t["value"]) for t in record["timexes"]] == [
        (3, "Thursday", "2023-07-27"), (24, "last month", "2023-06")]


def test_tag_as_timeml_reads_back_to_the_same_timexes(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Q&A <b> on Thursday, sales fell last month.", encoding="utf-8")
    result = runner.invoke(app, ["tag", str(article), "--dct", "2023-07-28", "--format", "timeml"])
    assert result.exit_code == 0, result.output
    (tmp_path / "out.tml").write_text(result.output, encoding="utf-8")
    document = read_timeml(tmp_path / "out.tml")
    assert document.text == article.read_text(encoding="utf-8")
    assert [(t.text, t.value) for t in document.timexes] == [
        ("Thursday", "2023-07-27"), ("last month", "2023-06")]


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
    assert all(text[t["start"]:t["end"]] == t["text"] for t in prediction["timexes"])


def test_eval_tagger_prints_a_table(tmp_path: Path):
    (tmp_path / "doc1.tml").write_text(GOLD, encoding="utf-8")
    result = runner.invoke(app, ["eval-tagger", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "relaxed" in result.output and "value F1 1.000" in result.output


def test_eval_tagger_reports_a_folder_without_timeml(tmp_path: Path):
    result = runner.invoke(app, ["eval-tagger", str(tmp_path)])
    assert result.exit_code == 1
    assert "no *.tml TimeML files found" in result.output
