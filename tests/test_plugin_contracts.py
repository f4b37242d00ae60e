"""The contract every registered timeline method, input reader and output format keeps,
checked over whatever is registered, built-in or plug-in."""

from __future__ import annotations

import datetime as dt
import json
import string
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from dateline import registry
from dateline.errors import UsageError
from dateline.ingest import read_articles
from dateline.ingest.readers import READERS, reader_for
from dateline.model import Article, ArticleSummary, SourcedSentence, Timeline, TimelineEntry
from dateline.nlp.analyze import analyze
from dateline.registry import Registry
from dateline.render.formats import FORMATS
from dateline.timeline import METHODS, TimelineRequest, get_method
from dateline.timeline.corpus import build_corpus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "india-japan"

SAMPLE_FILES: dict[str, tuple[str, bytes]] = {
    "text": ("a.txt", b" date 2014-09-01 Modi arrives in Kyoto\n\nModi arrived in Kyoto on Saturday.\n"),
    "jsonl": ("a.jsonl", b'{"date": "2014-09-01", "text": "Modi arrived in Kyoto on Saturday."}\n'),
    "json": ("a.json", b'[{"date": "2014-09-01", "text": "Modi arrived in Kyoto on Saturday."}]'),
    "csv": ("a.csv", b"date,text\n2014-09-01,Modi arrived in Kyoto on Saturday.\n"),
    "tilse": ("topic/InputDocs/2014-09-01/a.htm.txt", b"Modi arrived in Kyoto on Saturday .\n"),
    "html": (
        "a.html",
        b'<html><head><meta property="article:published_time" content="2014-09-01T10:00+05:30">'
        b"</head><body><article><p>Modi arrived in Kyoto on Saturday, starting a five-day visit to "
        b"Japan that both governments expect to bring new investment.</p></article></body></html>",
    ),
    "feed": (
        "a.rss",
        b"<rss version='2.0'><channel><item><title>Modi in Kyoto</title>"
        b"<pubDate>Mon, 01 Sep 2014 10:00:00 +0530</pubDate>"
        b"<description>Modi arrived in Kyoto on Saturday.</description></item></channel></rss>",
    ),
}


def _warc_record(http: bytes) -> bytes:
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"WARC-Date: 2014-09-02T00:00:00Z\r\nWARC-Target-URI: https://example.org/kyoto\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )


SAMPLE_FILES["warc"] = (
    "a.warc",
    _warc_record(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + SAMPLE_FILES["html"][1]),
)
"""A small file each built-in reader reads; a new reader adds its own here."""


@pytest.fixture(scope="module")
def demo_articles() -> list[Article]:
    return [item for item in read_articles([EXAMPLES]) if isinstance(item, Article)]


def test_every_registry_offers_the_built_ins() -> None:
    assert {"salience", "datewise", "clust"} <= set(METHODS.names())
    assert {"text", "jsonl", "json", "csv", "tilse"} <= set(READERS.names())
    assert {"text", "json", "md", "csv", "timelinejs", "html"} <= set(FORMATS.names())


def test_an_unknown_name_is_a_usage_error_listing_the_choices() -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'; choose one of: csv, html"):
        FORMATS.get("pdf")


def test_a_builtin_reference_is_imported_only_when_first_used() -> None:
    registry: Registry[object] = Registry("thing", "dateline.tests.none", {"broken": "no.such.module:thing"})
    assert registry.names() == ["broken"]
    with pytest.raises(ModuleNotFoundError):
        registry.get("broken")


def test_a_plugin_entry_point_is_offered_and_a_builtin_of_the_same_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    points = [
        EntryPoint("upper", "string:ascii_uppercase", "dateline.things"),
        EntryPoint("lower", "string:digits", "dateline.things"),
    ]
    monkeypatch.setattr(registry, "entry_points", lambda group: points if group == "dateline.things" else [])
    things: Registry[str] = Registry("thing", "dateline.things", {"lower": "string:ascii_lowercase"})
    assert things.names() == ["lower", "upper"]
    assert things.get("upper") == string.ascii_uppercase
    assert things.get("lower") == string.ascii_lowercase


@pytest.mark.parametrize("name", METHODS.names())
@pytest.mark.parametrize(("n_dates", "n_sentences"), [(1, 1), (4, 2), (30, 3)])
def test_a_method_keeps_the_timeline_contract(
    demo_articles: list[Article], name: str, n_dates: int, n_sentences: int
) -> None:
    method = get_method(name)
    analyzed = [analyze(article) for article in demo_articles]
    corpus = build_corpus(analyzed, method.undated_sentences)
    request = TimelineRequest("India Japan", n_dates, n_sentences)
    timeline = method.build(corpus, request)
    texts = {article.id: article.text for article in demo_articles}
    assert timeline.method == name and timeline.query == "India Japan"
    assert 0 < len(timeline.entries) <= n_dates
    assert [entry.date for entry in timeline.entries] == sorted(entry.date for entry in timeline.entries)
    for entry in timeline.entries:
        assert 0 < len(entry.sentences) <= n_sentences
        assert request.allows(entry.date, entry.granularity)
        for sentence in entry.sentences:
            assert " ".join(texts[sentence.article_id][sentence.start : sentence.end].split()) == " ".join(
                sentence.text.split()
            )


@pytest.mark.parametrize("name", METHODS.names())
def test_a_method_keeps_to_the_requested_dates(demo_articles: list[Article], name: str) -> None:
    method = get_method(name)
    corpus = build_corpus([analyze(article) for article in demo_articles], method.undated_sentences)
    start, end = dt.date(2015, 1, 1), dt.date(2016, 12, 31)
    timeline = method.build(corpus, TimelineRequest("", 5, 1, frozenset({"day"}), start, end))
    assert all(start <= entry.date <= end and entry.granularity == "day" for entry in timeline.entries)


def test_every_reader_has_a_sample_here() -> None:
    assert set(READERS.names()) <= set(SAMPLE_FILES), "add a sample file for the new reader"


@pytest.mark.parametrize("name", READERS.names())
def test_a_reader_reads_its_format_and_is_chosen_for_it(tmp_path: Path, name: str) -> None:
    relative, content = SAMPLE_FILES[name]
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert reader_for(path, named_explicitly=False) is READERS.get(name).read
    items = list(READERS.get(name).read(path, "c"))
    [article] = items
    assert isinstance(article, Article)
    assert article.published == dt.date(2014, 9, 1)
    assert "Kyoto" in article.text and article.collection
    assert [item.id for item in READERS.get(name).read(path, "c")] == [article.id]


TIMELINE = Timeline(
    "India <Japan>",
    "salience",
    (
        TimelineEntry(
            dt.date(2014, 9, 1),
            "day",
            (SourcedSentence("Modi arrived in Kyoto.", "a1", 0, 22, 0.5),),
            1.0,
            {"cited": 2.0},
        ),
        TimelineEntry(dt.date(2015, 12, 1), "month", (SourcedSentence("Abe visited.", "a2", 5, 17),)),
    ),
)
SOURCES = {"a1": ArticleSummary("a1", dt.date(2014, 9, 1), "Kyoto", "https://example.org/a1", 22, "")}


@pytest.mark.parametrize("name", FORMATS.names())
@pytest.mark.parametrize("explain", [False, True])
def test_a_format_renders_every_entry_as_text_of_its_media_type(name: str, explain: bool) -> None:
    output = FORMATS.get(name)
    content = output.render(TIMELINE, SOURCES, explain)
    assert isinstance(content, str) and "Modi arrived in Kyoto." in content and "Abe visited." in content
    assert output.media_type.split(";")[0].count("/") == 1 and output.extension and output.label
    if output.media_type.startswith("application/json"):
        json.loads(content)


@pytest.mark.parametrize("name", FORMATS.names())
def test_a_format_renders_an_empty_timeline(name: str) -> None:
    assert FORMATS.get(name).render(Timeline("", "salience", ()), {}, False)
