"""The CLI end to end, as a user runs it: ingest the seed samples, ask for the timeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.store import Store

runner = CliRunner()


def dateline(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def seeded_db(tmp_path: Path, samples: Path) -> Path:
    db = tmp_path / "cli.db"
    code, out, err = dateline("ingest", samples, "--db", db, "--quiet", "--workers", "1")
    assert code == 0, err
    assert out.startswith("2 articles added")
    return db


def test_india_japan_timeline_has_both_strategic_dialogues(seeded_db: Path) -> None:
    code, out, _ = dateline("timeline", "India Japan", "--db", seeded_db, "--format", "json")
    assert code == 0
    timeline = json.loads(out)
    assert timeline["query"] == "India Japan" and timeline["method"]
    by_date = {entry["date"]: entry for entry in timeline["entries"]}
    assert "2020-10-07" in by_date and "2023-07-27" in by_date
    assert [e["date"] for e in timeline["entries"]] == sorted(by_date)
    thursday = by_date["2023-07-27"]
    assert thursday["granularity"] == "day"
    assert any(s["text"].startswith("On Thursday") for s in thursday["sentences"])


def test_every_timeline_sentence_is_the_exact_span_of_its_article(seeded_db: Path) -> None:
    _, out, _ = dateline("timeline", "India Japan", "--db", seeded_db, "--format", "json", "--dates", "20")
    _, listing, _ = dateline("articles", "--db", seeded_db, "--format", "json")
    texts = {}
    with Store.open(seeded_db) as store:
        for item in json.loads(listing)["articles"]:
            texts[item["id"]] = store.get_article(item["id"]).text
    for entry in json.loads(out)["entries"]:
        for sentence in entry["sentences"]:
            assert texts[sentence["article_id"]][sentence["start"] : sentence["end"]] == sentence["text"]


def test_timeline_size_and_date_range_are_respected(seeded_db: Path) -> None:
    _, out, _ = dateline(
        "timeline",
        "India Japan",
        "--db",
        seeded_db,
        "--format",
        "json",
        "--dates",
        "1",
        "--sentences",
        "1",
        "--from",
        "2023-01-01",
        "--to",
        "2024-12-31",
    )
    [entry] = json.loads(out)["entries"]
    assert entry["date"] >= "2023" and len(entry["sentences"]) == 1


def test_markdown_and_text_output(seeded_db: Path) -> None:
    code, md, _ = dateline("timeline", "India Japan", "--db", seeded_db, "--format", "md")
    assert code == 0 and "## 2023-07-27" in md
    code, text, _ = dateline("timeline", "India Japan", "--db", seeded_db)
    assert code == 0 and "2020-10-07" in text


def test_reingesting_adds_nothing(seeded_db: Path, samples: Path) -> None:
    code, out, _ = dateline("ingest", samples, "--db", seeded_db, "--quiet")
    assert code == 0 and out.startswith("0 articles added, 2 already stored")


def test_articles_listing_counts_all_matches(seeded_db: Path) -> None:
    code, out, _ = dateline("articles", "--db", seeded_db, "--query", "Hayashi", "--format", "json")
    listing = json.loads(out)
    assert code == 0 and listing["total"] == 1
    [article] = listing["articles"]
    assert article["date"] == "2023-07-28" and set(article) == {"id", "date", "title", "url", "chars"}
    _, out, _ = dateline("articles", "--db", seeded_db, "--limit", "1", "--format", "json")
    assert json.loads(out)["total"] == 2 and len(json.loads(out)["articles"]) == 1


def test_bad_file_is_skipped_with_its_location_and_exit_code_3(tmp_path: Path, samples: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "broken.jsonl").write_text('{"date": "2020-01-01", "text": "Fine."}\n{oops\n')
    code, out, err = dateline("ingest", bad, samples, "--db", tmp_path / "x.db", "--quiet")
    assert code == 3
    assert "broken.jsonl:2" in err and "malformed JSON" in err
    assert out.startswith("3 articles added")


def test_on_error_fail_stops_with_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("no date here\n")
    code, out, err = dateline("ingest", tmp_path / "bad.txt", "--db", tmp_path / "x.db", "--on-error", "fail")
    assert code == 1
    assert err.strip().count("\n") == 0 and "bad.txt:1" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["timeline", "x", "--dates", "0"], "dates must be between"),
        (["timeline", "x", "--from", "2023-13-01"], "YYYY-MM-DD"),
        (["timeline", "x", "--method", "magic"], "unknown method"),
        (["timeline", "x", "--format", "xml"], "--format"),
        (["articles", "--limit", "-1"], "limit"),
    ],
)
def test_wrong_flags_give_one_clear_line_and_a_nonzero_exit(seeded_db: Path, args: list[str], fragment: str) -> None:
    code, _, err = dateline(*args, "--db", seeded_db)
    assert code == 2 and fragment in err and "Traceback" not in err
    assert err.strip().count("\n") == 0, err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["timeline", "x", "--bogus"], "No such option: --bogus (see 'dateline timeline --help')"),
        (["timeline", "x", "--dates", "many"], "Invalid value for '--dates'"),
        (["timeline"], "Missing argument"),
        (["--bogus"], "No such option: --bogus (see 'dateline --help')"),
        (["nosuch"], "No such command 'nosuch'"),
    ],
)
def test_usage_errors_are_one_line_naming_the_help_to_read(args: list[str], fragment: str) -> None:
    code, _, err = dateline(*args)
    assert code == 2 and fragment in err and err.startswith("Error: ")
    assert err.strip().count("\n") == 0, err


def test_max_articles_bounds_what_a_timeline_is_built_from(seeded_db: Path) -> None:
    _, out, _ = dateline("timeline", "India Japan", "--db", seeded_db, "--format", "json", "--max-articles", "1")
    sources = {s["article_id"] for entry in json.loads(out)["entries"] for s in entry["sentences"]}
    _, everything, _ = dateline(
        "timeline", "India Japan", "--db", seeded_db, "--format", "json", "--max-articles", "0", "--dates", "20"
    )
    assert len(sources) == 1
    assert len({s["article_id"] for e in json.loads(everything)["entries"] for s in e["sentences"]}) == 2


def test_the_demo_corpus_gives_a_timeline_across_the_decade(tmp_path: Path, demo_corpus: Path) -> None:
    """What ``make demo`` runs: the bundled India-Japan articles, ingested, then the
    timeline of "India Japan"."""
    db = tmp_path / "demo.db"
    code, out, err = dateline("ingest", demo_corpus, "--db", db, "--quiet", "--workers", "1")
    assert code == 0 and out.startswith(f"{len(list(demo_corpus.glob('*.txt')))} articles added"), err
    code, out, _ = dateline("timeline", "India Japan", "--db", db, "--format", "json")
    entries = json.loads(out)["entries"]
    assert code == 0 and len(entries) == 10
    years = {entry["date"][:4] for entry in entries}
    assert len(years) >= 5 and min(years) <= "2016" and max(years) >= "2022"


def test_missing_store_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = dateline("timeline", "x", "--db", tmp_path / "none.db")
    assert code == 1 and "dateline ingest" in err


def test_help_explains_every_command() -> None:
    code, out, _ = dateline("--help")
    assert code == 0
    for command in ("ingest", "timeline", "articles"):
        assert command in out


def test_a_timeline_does_not_load_the_tagger_or_the_evaluation(seeded_db: Path) -> None:
    """What a command imports is paid at every start: ``dateline timeline`` must not build
    the temporal tagger's tables, nor load the evaluation protocol or the ingest workers
    (a fresh interpreter, since this one has imported everything)."""
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dateline.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['timeline', 'India Japan', '--db', {str(seeded_db)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    modules = set(loaded.stdout.split())
    for heavy in (
        "dateline.temporal.tagger",
        "dateline.evaluate.protocol",
        "dateline.nlp.workers",
        "dateline.store.integrity",
    ):
        assert heavy not in modules
