"""HTML pages, RSS/Atom feeds and WARC archives: what each yields, and how a malformed one
is reported (naming the file and the record or item) without losing the rest of the batch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from web_pages import BODY, FURNITURE_WORDS, PUBLISHED_META, news_page, warc_file

from dateline.errors import InputProblem
from dateline.ingest import read_articles
from dateline.ingest.dates import DateOrder
from dateline.model import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Herald</title>
<item><title>Port strike ends</title><link>https://herald.example/a</link>
<pubDate>Fri, 15 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Dock workers voted to end the strike.&lt;/p&gt;&lt;p&gt;Ships wait offshore.&lt;/p&gt;</description></item>
<item><title>Bad date</title><link>https://herald.example/b</link><pubDate>sometime soon</pubDate>
<description>Cranes idle.</description></item>
<item><title>Full content</title><link>https://herald.example/c</link><pubDate>Sat, 16 Mar 2024 08:00:00 GMT</pubDate>
<description>Short.</description><content:encoded><![CDATA[<p>The full <b>story</b>.</p><script>track()</script>]]></content:encoded></item>
</channel></rss>"""  # noqa: E501 (items as feeds send them, each on a line)
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Atom entry</title><link href="https://x.example/1"/><updated>2024-03-14T01:00:00+09:00</updated>
<summary>Harbour reopens.</summary></entry></feed>"""


def read(*paths: Path, **options: object) -> tuple[list[Article], list[InputProblem]]:
    items = list(read_articles(paths, **options))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]


def test_a_page_gives_its_main_text_title_canonical_url_and_local_publication_date(tmp_path: Path) -> None:
    (tmp_path / "strike.html").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    [article], [] = read(tmp_path)
    assert article.published == dt.date(2024, 3, 15)  # 23:30 in New York, already the 16th in UTC
    assert article.title == "Port strike ends after nine days"
    assert article.url == "https://www.coastalherald.example/news/port-strike-ends"
    assert article.text.startswith("Dock workers at the port of Riverton")
    assert article.text.endswith("within two weeks.")


def test_no_page_furniture_reaches_the_article_text(tmp_path: Path) -> None:
    (tmp_path / "strike.htm").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    [article], _ = read(tmp_path)
    assert [word for word in FURNITURE_WORDS if word in article.text] == []


def test_json_ld_time_element_and_visible_dateline_date_a_page(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        news_page(
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2024-03-12T08:00:00Z"}]}</script>'
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text(
        news_page(dateline='<time datetime="2024-03-13">13 March</time>'), encoding="utf-8"
    )
    (tmp_path / "c.html").write_text(
        news_page(dateline='<p class="article-date">Published: Thursday, March 14, 2024 | 3:27 PM EST</p>'),
        encoding="utf-8",
    )
    articles, [] = read(tmp_path)
    assert [a.published.day for a in articles] == [12, 13, 14]


def test_a_page_with_no_date_is_refused_naming_the_file_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a-dated.html").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    (tmp_path / "b-undated.html").write_text(news_page(body=BODY.replace("Dock", "Crane")), encoding="utf-8")
    [article], [problem] = read(tmp_path)
    assert problem.path.endswith("b-undated.html") and problem.field == "date"
    assert "states no publication date" in problem.message
    assert article.published == dt.date(2024, 3, 15)


def test_an_ambiguous_metadata_date_names_the_field_and_the_option(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(news_page('<meta name="date" content="02/03/2024">'), encoding="utf-8")
    _, [problem] = read(path)
    assert problem.field == "meta date" and "--date-order dmy|mdy" in problem.message
    [article], _ = read(path, date_order=DateOrder.DMY)
    assert article.published == dt.date(2024, 3, 2)


def test_a_legacy_encoding_page_is_read_as_it_declares(tmp_path: Path) -> None:
    page = news_page(
        PUBLISHED_META,
        head='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        body="<p>" + "The caf\u00e9 on the quay reopened. " * 5 + "</p>",
    )
    (tmp_path / "cafe.html").write_bytes(page.encode("cp1252"))
    [article], [] = read(tmp_path)
    assert "caf\u00e9 on the quay" in article.text


def test_an_undeclared_legacy_encoding_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    page = news_page(PUBLISHED_META, head="", body="<p>" + "The caf\u00e9 on the quay reopened. " * 5 + "</p>")
    (tmp_path / "a-cafe.html").write_bytes(page.encode("cp1252"))
    (tmp_path / "b-good.html").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    [article], [problem] = read(tmp_path)
    assert problem.path.endswith("a-cafe.html") and problem.line is not None
    assert "not valid UTF-8" in problem.message and "declares no encoding" in problem.message
    assert article.title.startswith("Port strike")


def test_html_is_recognised_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "story.php").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    [article], [] = read(tmp_path)
    assert article.published == dt.date(2024, 3, 15)


def test_feed_items_become_articles_and_a_bad_date_costs_only_its_item(tmp_path: Path) -> None:
    (tmp_path / "herald.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "atom.atom").write_text(ATOM, encoding="utf-8")
    articles, [problem] = read(tmp_path)
    assert [(a.published, a.title, a.url) for a in articles] == [
        (dt.date(2024, 3, 14), "Atom entry", "https://x.example/1"),
        (dt.date(2024, 3, 15), "Port strike ends", "https://herald.example/a"),
        (dt.date(2024, 3, 16), "Full content", "https://herald.example/c"),
    ]
    assert articles[1].text == "Dock workers voted to end the strike.\nShips wait offshore."
    assert articles[2].text == "The full story."
    assert problem.path.endswith("herald.xml") and "item 2 ('Bad date')" in problem.message
    assert "sometime soon" in problem.message


def test_a_truncated_feed_keeps_the_items_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("<item><title>Full")] + "<item><title>Cut", encoding="utf-8")
    articles, problems = read(path)
    assert [a.title for a in articles] == ["Port strike ends"]
    assert any("malformed" in p.message for p in problems)


def test_warc_pages_get_their_url_and_date_and_the_crawl_date_only_as_a_labelled_fallback(tmp_path: Path) -> None:
    undated = news_page(body=BODY.replace("Dock", "Crane")).encode()
    (tmp_path / "crawl.warc.gz").write_bytes(
        warc_file(
            [
                (
                    "https://herald.example/1",
                    news_page(PUBLISHED_META).encode(),
                    "text/html; charset=utf-8",
                    "2024-03-20T10:00:00Z",
                ),
                ("https://herald.example/logo.png", b"\x89PNG not a page", "image/png", "2024-03-20T10:00:01Z"),
                ("https://herald.example/2", undated, "text/html", "2024-03-21T10:00:00Z"),
            ]
        )
    )
    [dated, crawled], [] = read(tmp_path)
    assert (dated.url, dated.published) == ("https://herald.example/1", dt.date(2024, 3, 15))
    assert "WARC-Date" not in dated.source
    assert (crawled.url, crawled.published) == ("https://herald.example/2", dt.date(2024, 3, 21))
    assert crawled.source.endswith("#record 3 (dated by WARC-Date: the capture, not the publication)")


def test_a_truncated_warc_names_the_record_and_keeps_the_pages_before_it(tmp_path: Path) -> None:
    whole = warc_file(
        [
            ("https://herald.example/1", news_page(PUBLISHED_META).encode(), "text/html", "2024-03-20T10:00:00Z"),
            (
                "https://herald.example/2",
                news_page(PUBLISHED_META, body=BODY.replace("Dock", "Crane")).encode(),
                "text/html",
                "2024-03-20T10:00:00Z",
            ),
        ]
    )
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) - 300])
    (tmp_path / "good.html").write_text(news_page(PUBLISHED_META, body=BODY.replace("Dock", "Tug")), encoding="utf-8")
    articles, [problem] = read(tmp_path)
    assert [a.url for a in articles] == [
        "https://herald.example/1",
        "https://www.coastalherald.example/news/port-strike-ends",
    ]
    assert problem.path.endswith("cut.warc.gz") and problem.message.startswith("record 2: the file ends")


def test_files_no_reader_takes_are_listed_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 ...")
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "photo.bin").write_bytes(b"\x00\x01\x02 binary")
    _, problems = read(tmp_path)
    reasons = {Path(p.path).name: p.message for p in problems}
    assert "a PDF" in reasons["report.pdf"]
    assert "no reader for .md files" in reasons["notes.md"]
    assert "NUL bytes" in reasons["photo.bin"]
