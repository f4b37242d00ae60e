"""The export renderers (CSV, TimelineJS, self-contained HTML) on hand-made timelines."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from dateline.model import Article, SourcedSentence, Timeline, TimelineEntry
from dateline.render.csv_format import COLUMNS, timeline_to_csv
from dateline.render.html_export import safe_url, timeline_to_html
from dateline.render.json_format import timeline_to_dict
from dateline.render.timelinejs import HEADLINE_CHARS, timeline_to_timelinejs

HOSTILE = '<script>alert(1)</script> & <img src=x onerror=alert(2)> "quoted"'


def sentence(text: str, article_id: str = "a1", start: int = 0) -> SourcedSentence:
    return SourcedSentence(text, article_id, start, start + len(text))


TIMELINE = Timeline(
    "bridge",
    "datewise",
    (
        TimelineEntry(dt.date(2023, 1, 1), "year", (sentence("In 2023 the bridge was planned."),)),
        TimelineEntry(dt.date(2023, 6, 1), "month", (sentence("Work began in June.", "a2", 10),)),
        TimelineEntry(
            dt.date(2024, 4, 11),
            "day",
            (
                sentence('The bridge opened, "finally",\nafter years.'),
                sentence(HOSTILE, "a3", 5),
            ),
        ),
    ),
)


def test_csv_has_one_row_per_sentence_equal_to_the_json() -> None:
    rows = list(csv.DictReader(io.StringIO(timeline_to_csv(TIMELINE), newline="")))
    assert tuple(rows[0]) == COLUMNS
    expected = [
        (entry["date"], entry["granularity"], str(rank), s["text"], s["article_id"], str(s["start"]), str(s["end"]))
        for entry in timeline_to_dict(TIMELINE)["entries"]
        for rank, s in enumerate(entry["sentences"], start=1)
    ]
    assert [tuple(row.values()) for row in rows] == expected


def test_csv_of_an_empty_timeline_is_the_header() -> None:
    assert timeline_to_csv(Timeline("q", "datewise", ())) == ",".join(COLUMNS) + "\r\n"


def test_timelinejs_dates_carry_the_entrys_precision() -> None:
    events = timeline_to_timelinejs(TIMELINE)["events"]
    assert [event["start_date"] for event in events] == [
        {"year": "2023"},
        {"year": "2023", "month": "6"},
        {"year": "2024", "month": "4", "day": "11"},
    ]
    assert [event["group"] for event in events] == ["year", "month", "day"]
    assert [event["display_date"] for event in events] == ["2023", "2023-06", "2024-04-11"]
    assert len({event["unique_id"] for event in events}) == 3


def test_timelinejs_has_the_documented_shape_and_survives_json() -> None:
    document = json.loads(json.dumps(timeline_to_timelinejs(TIMELINE)))
    assert set(document) == {"title", "events"}
    assert set(document["title"]["text"]) == {"headline", "text"}
    for event in document["events"]:
        assert {"start_date", "text", "group"} <= set(event)
        assert set(event["text"]) == {"headline", "text"}


def test_timelinejs_escapes_text_because_timelinejs_renders_html() -> None:
    event = timeline_to_timelinejs(TIMELINE)["events"][2]
    assert "<script>" not in event["text"]["text"] and "&lt;script&gt;" in event["text"]["text"]
    assert "<img" not in event["text"]["text"]
    assert event["text"]["text"].count("<p>") == 2


def test_timelinejs_headline_is_the_first_sentence_shortened() -> None:
    long_text = "word " * 60
    timeline = Timeline("q", "m", (TimelineEntry(dt.date(2020, 1, 2), "day", (sentence(long_text),)),))
    headline = timeline_to_timelinejs(timeline)["events"][0]["text"]["headline"]
    assert len(headline) <= HEADLINE_CHARS and headline.endswith("…") and headline.startswith("word word")


def test_html_export_escapes_everything_and_forbids_scripts() -> None:
    sources = {"a3": Article("a3", dt.date(2024, 4, 12), "x", title=HOSTILE, url="javascript:alert(3)")}
    page = timeline_to_html(Timeline(HOSTILE, "datewise", TIMELINE.entries), sources)
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_export_cites_each_sentences_article() -> None:
    sources = {"a2": Article("a2", dt.date(2023, 6, 2), "x", title="Work begins", url="https://example.org/a2")}
    page = timeline_to_html(TIMELINE, sources)
    assert '<a href="https://example.org/a2" rel="noopener noreferrer">Work begins (2023-06-02)</a>' in page
    assert "a2:10-29" in page and "a1:0-31" in page
    assert page.count("<li><h2>") == 3


def test_safe_url_keeps_only_web_links() -> None:
    assert safe_url("https://example.org/x?y=1") == "https://example.org/x?y=1"
    assert safe_url(" http://example.org ") == "http://example.org"
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil", "/local", "", "http://"):
        assert safe_url(url) == "", url
