"""Real-looking web pages, feeds and web archives written for these tests.

Each page carries the furniture news sites wrap around an article (navigation, a cookie
banner, a byline, related links, reader comments, a footer) with words found nowhere in
the article, so a test can show that none of them reaches the store.
"""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FURNITURE_WORDS = (
    "Horoscopes",
    "cookies",
    "Lopez",
    "Shipping rates soar",
    "JohnD",
    "bosses",
    "Privacy policy",
    "Copyright",
)
BODY = (
    "<p>Dock workers at the port of Riverton voted on Friday to end a nine-day strike that "
    "had left hundreds of container ships waiting offshore.</p>"
    "<p>The union said members accepted a pay rise of 14 percent over three years, along with "
    "limits on the automation of cranes at the two largest terminals.</p>"
    "<p>The port authority said normal operations would resume on Monday, and that the backlog "
    "of vessels should clear within two weeks.</p>"
)


def news_page(metadata: str = "", body: str = BODY, head: str = '<meta charset="utf-8">', dateline: str = "") -> str:
    """A news page around ``body``: ``metadata`` goes in its head, ``dateline`` under the headline."""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{head}
<title>Port strike ends after nine days | The Coastal Herald</title>
<link rel="canonical" href="https://www.coastalherald.example/news/port-strike-ends">
<meta property="og:title" content="Port strike ends after nine days">
{metadata}
</head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/horoscopes">Horoscopes</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Port strike ends after nine days</h1>
<p class="byline">By Maria Lopez, Business correspondent</p>
{dateline}
{body}
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Shipping rates soar as strike drags on</a></li>
<li><a href="/b">Who runs the port of Riverton?</a></li></ul></aside>
</article></main>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p>JohnD wrote: Finally, about time the bosses gave in to the workers!</p></div>
<div class="comment"><p>Sue_K wrote: My parcels have been stuck in that port for weeks.</p></div></section>
<footer><p>Copyright 2024 The Coastal Herald. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>"""


PUBLISHED_META = '<meta property="article:published_time" content="2024-03-15T23:30:00-05:00">'


def warc_file(pages: list[tuple[str, bytes, str, str]]) -> bytes:
    """A gzipped WARC of ``(url, body, content type, WARC-Date)`` response records."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, body, content_type, date in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
        )
    return out.getvalue()
