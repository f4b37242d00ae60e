"""What the scale tests share besides fixtures: real Timeline17 pairs with known
duplicate status, and a way to compare two stores row by row. (A module of its own, as
``from conftest import`` finds whichever conftest was imported last.)"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

# The same Reuters wire story filed under two topics: identical texts (Libya first).
CROSS_FOLDER_COPIES = [
    ("LibyaWar_reuters/InputDocs/2011-05-25/81.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-05-25/68.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-08-17/323.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-08-17/310.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-08-22/229.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-08-22/220.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-08-22/243.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-08-22/236.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-08-23/281.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-08-23/264.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-09-21/308.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-09-21/293.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-09-28/246.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-09-28/237.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-09-29/146.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-09-29/136.htm.txt"),
]
# Re-filings of one story, inspected by hand: new timestamp, byline, headline or bullet
# points over the same text (resemblance 0.86 to 0.97).
REFILINGS = [
    ("LibyaWar_reuters/InputDocs/2011-08-23/185.htm.txt", "LibyaWar_reuters/InputDocs/2011-08-23/209.htm.txt"),
    (
        "bpoil_washingtonpost/InputDocs/2010-12-15/2088.htm.txt",
        "bpoil_washingtonpost/InputDocs/2010-12-16/1502.htm.txt",
    ),
    ("EgyptianProtest_cnn/InputDocs/2011-02-11/116.htm.txt", "EgyptianProtest_cnn/InputDocs/2011-02-11/80.htm.txt"),
    ("LibyaWar_reuters/InputDocs/2011-10-20/195.htm.txt", "LibyaWar_reuters/InputDocs/2011-10-20/57.htm.txt"),
]
# Same topic, shared background paragraphs, but a different event in the lead
# (resemblance 0.71 to 0.75): not duplicates.
DIFFERENT_EVENTS = [
    ("SyrianCrisis_reuters/InputDocs/2011-03-27/167.htm.txt", "SyrianCrisis_reuters/InputDocs/2011-03-30/8.htm.txt"),
    ("SyrianCrisis_bbc/InputDocs/2012-03-21/136.htm.txt", "SyrianCrisis_bbc/InputDocs/2012-03-21/73.htm.txt"),
]


def stored_analyses(path: Path) -> list[tuple]:
    """Each stored article's id, sentence spans and time mentions, by id (what an ingest
    stored, whatever row ids it gave the articles)."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT id, spans, mentions FROM articles ORDER BY id").fetchall()


def store_rows(path: Path) -> dict[str, list[tuple]]:
    """Everything a store holds, table by table, in a canonical order."""
    queries = {
        "articles": "SELECT * FROM articles ORDER BY rowid",
        "article_bands": "SELECT * FROM article_bands ORDER BY article",
        "fts": "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'said' ORDER BY rowid",
    }
    connection = sqlite3.connect(path)
    try:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        connection.close()
