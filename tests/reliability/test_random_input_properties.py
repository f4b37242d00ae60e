"""Property tests: random bytes fed to every reader, random records to the record
validator, random text to the tagger and to the per-article analysis. Nothing raises;
what comes out is always something the store can hold and ``dateline check`` accepts."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dateline.errors import InputProblem
from dateline.ingest.dates import EARLIEST_PUBLICATION
from dateline.ingest.decode import DEFAULT_MAX_CHARS, decode_bytes
from dateline.ingest.plaintext import read_plaintext
from dateline.ingest.readers import Reader
from dateline.ingest.records import read_csv, read_json, read_jsonl, record_to_article
from dateline.ingest.tilse_layout import read_tilse_article
from dateline.model import Article
from dateline.nlp.analyze import analyze
from dateline.temporal import tag
from dateline.temporal.leads import leads
from dateline.temporal.lexicon import COMMON_WORDS
from dateline.temporal.tagger import RULES, prepare

READERS: dict[str, Reader] = {
    "a.txt": read_plaintext,
    "a.jsonl": read_jsonl,
    "a.json": read_json,
    "a.csv": read_csv,
    "topic/InputDocs/2011-01-25/a.htm.txt": read_tilse_article,
}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Bytes that look like what readers expect often enough to get past their first checks.
PREFIXES = [
    b"",
    b" date 2020-03-01 ",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"date,text\n2020-03-01,",
    b'{"date": "2020-03-01", "text": "',
    b'[{"date": "2020-03-01", "text": ',
]
RANDOM_BYTES = st.builds(lambda prefix, tail: prefix + tail, st.sampled_from(PREFIXES), st.binary(max_size=2000))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
RECORDS = (
    st.fixed_dictionaries(
        {},
        optional={
            "date": st.text(max_size=25) | st.sampled_from(["2020-03-01", "2020-03-01T10:00Z"]) | JSON_VALUES,
            "text": st.text() | JSON_VALUES,
            "title": st.text(max_size=20) | JSON_VALUES,
            "url": st.text(max_size=20) | JSON_VALUES,
            "id": JSON_VALUES,
        },
    )
    | JSON_VALUES
)
TODAY = dt.date.today()


def assert_storable(article: Article) -> None:
    """What the store and ``dateline check`` rely on for every article a reader yields."""
    assert re.fullmatch(r"[0-9a-f]{16}", article.id)
    assert EARLIEST_PUBLICATION <= article.published <= TODAY + dt.timedelta(days=1)
    assert article.text.strip() and len(article.text) <= DEFAULT_MAX_CHARS
    for value in (article.text, article.title, article.url, article.source, article.collection):
        value.encode("utf-8")
        assert "\x00" not in value


@pytest.mark.parametrize("name", list(READERS))
@PROPERTY
@given(data=RANDOM_BYTES)
def test_every_reader_turns_any_bytes_into_articles_or_problems(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    items = list(READERS[name](path, "", DEFAULT_MAX_CHARS))
    assert items, "a file must give at least one article or one problem"
    for item in items:
        assert isinstance(item, (Article, InputProblem))
        if isinstance(item, Article):
            assert_storable(item)
        else:
            assert str(item).startswith(str(path))


@PROPERTY
@given(data=st.binary(max_size=500))
def test_decoding_any_bytes_gives_text_or_a_located_problem(data: bytes) -> None:
    try:
        text = decode_bytes(data, "f")
    except InputProblem as problem:
        assert problem.line is not None and problem.line >= 1
    else:
        text.encode("utf-8")
        assert "\r" not in text and "\x00" not in text


@PROPERTY
@given(record=RECORDS)
def test_any_json_value_is_a_valid_article_or_a_problem(record: object) -> None:
    result = record_to_article(record, "feed.json", 3)
    if isinstance(result, Article):
        assert_storable(result)
    else:
        assert isinstance(result, InputProblem) and result.path == "feed.json" and result.line == 3


ARTICLE_TEXT = st.text(min_size=1).filter(str.strip)


@PROPERTY
@given(
    text=ARTICLE_TEXT,
    lines=st.booleans(),
    published=st.dates(min_value=EARLIEST_PUBLICATION, max_value=dt.date(2100, 1, 1)),
)
def test_analysis_of_any_text_meets_the_invariants_dateline_check_verifies(
    text: str, lines: bool, published: dt.date
) -> None:
    analyzed = analyze(Article("0" * 16, published, text, lines_are_sentences=lines))
    assert analyzed.sentences, "an article with text has at least one sentence"
    assert all(0 <= s.start < s.end <= len(text) for s in analyzed.sentences)
    for mention in analyzed.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert 0 <= mention.sentence_index < len(analyzed.sentences)


# Tagging four times the text may take at most this many times as much CPU time: about 4
# when tagging is linear, 16 when it is quadratic (as "last " once was).
GROWTH_LIMIT = 10
# CPU times below this are too small to compare (the timer's and the cache's noise).
NOISE_SECONDS = 0.002


def tagging_cpu_seconds(text: str) -> float:
    """The least CPU time of three ``tag`` calls on ``text``, the tagger's tables built
    beforehand (the first call in a process builds them: about a second)."""
    prepare()
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        tag(text, dt.date(2020, 3, 1))
        best = min(best, time.process_time() - started)
    return best


def assert_tagging_grows_linearly(unit: str, count: int) -> None:
    small, large = tagging_cpu_seconds(unit * count), tagging_cpu_seconds(unit * (4 * count))
    assert large < GROWTH_LIMIT * max(small, NOISE_SECONDS), (
        f"{unit!r} x {count}: {small:.4f} s; x {4 * count}: {large:.4f} s"
    )


@pytest.mark.parametrize(
    ("unit", "count"),
    [
        ("1 ", 6_250),
        ("the ", 6_250),
        ("-", 12_500),
        ("'", 12_500),
        ("2020-", 2_500),
        ("on Monday ", 1_250),
        ("January ", 2_500),
        ("\n", 12_500),
        ("a", 125_000),
    ],
)
def test_tagging_pathological_text_takes_linear_time(unit: str, count: int) -> None:
    """No input may make a regular expression backtrack over the whole text: four times
    as much of any repetition takes about four times the CPU time, not sixteen."""
    assert_tagging_grows_linearly(unit, count)


@pytest.mark.slow
def test_no_lead_word_repeated_makes_tagging_slow() -> None:
    """Every word a rule can start with, repeated 4,000 times (with spaces, and with
    commas): a rule that lets a word repeat unboundedly before failing would take
    seconds here, as "last " did (a minute for 100 KB). Linear rules take milliseconds."""
    words = {word for rule in RULES for word in leads(rule.pattern)} | COMMON_WORDS
    prepare()
    slow = {}
    for word in sorted(words):
        for text in ((word + " ") * 4000, (word + ", ") * 4000):
            started = time.process_time()
            tag(text, dt.date(2020, 3, 1))
            if (seconds := time.process_time() - started) > 1.5:
                slow[text[:20]] = round(seconds, 2)
    assert not slow


def test_tagging_a_run_of_repeated_lead_words_takes_linear_time() -> None:
    """A run of quarter modifiers ("the latest fiscal ...") once made every position try
    the rest of the run: 100 KB of "last " took a minute."""
    assert_tagging_grows_linearly("last ", 1_000)
