"""Near-duplicate detection: MinHash/LSH keys, exact confirmation, links kept in the store
and found again by later ingests, on hand-made texts and on real Timeline17 copies."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
from hypothesis import given, settings, strategies as st

from scale_support import CROSS_FOLDER_COPIES, DIFFERENT_EVENTS, REFILINGS

from dateline.ingest.ids import article_id
from dateline.ingest.job import ingest
from dateline.model import AnalyzedArticle, Article
from dateline.nlp.analyze import analyze
from dateline.nlp.batch import from_analyzed
from dateline.retrieve import find_articles
from dateline.store import Store
from dateline.store.schema import MIGRATIONS
from dateline.text.dedup import THRESHOLD, band_keys, has_keys, resemblance, shingle_hashes

WIRE = (
    "WASHINGTON (Reuters) - The Federal Reserve held interest rates steady on Wednesday and "
    "signaled it could cut them later this year if inflation keeps easing, while officials "
    "cautioned that the labor market remains tight. Fed Chair Jerome Powell told reporters "
    "that the central bank needed greater confidence before lowering borrowing costs. "
    "Markets rallied after the statement, with the S&P 500 closing at a record high and "
    "Treasury yields falling to their lowest level in two months. Analysts said the "
    "decision was widely expected but the tone was more dovish than many had anticipated."
)
OTHER = (
    "Heavy rain flooded parts of southern Brazil on Sunday, forcing thousands of families "
    "from their homes as rivers burst their banks. Rescue teams used boats to reach people "
    "stranded on rooftops, and the state governor declared a state of emergency in forty "
    "towns. Forecasters expect more storms over the coming week."
)


def analyzed(text: str, day: int = 1, collection: str = "") -> AnalyzedArticle:
    published = dt.date(2024, 3, day)
    return analyze(Article(article_id(published, text, collection), published, text, collection=collection))


def test_spacing_punctuation_and_case_do_not_change_the_keys() -> None:
    retokenized = WIRE.replace("(Reuters)", "( Reuters )").replace(",", " ,").replace(". ", " .\n").upper()
    assert resemblance(WIRE, retokenized) == 1.0
    assert np.array_equal(band_keys(WIRE), band_keys(retokenized))


def test_a_republication_with_a_new_byline_shares_band_keys_and_resembles() -> None:
    copy = "By Ann Saphir and Howard Schneider | Wed Mar 20, 2024 4:12pm EDT\n" + WIRE
    assert resemblance(WIRE, copy) >= THRESHOLD
    assert np.intersect1d(band_keys(WIRE), band_keys(copy)).size > 0


def test_unrelated_texts_neither_resemble_nor_share_keys() -> None:
    assert resemblance(WIRE, OTHER) < 0.1
    assert np.intersect1d(band_keys(WIRE), band_keys(OTHER)).size == 0


def test_a_text_without_letters_or_digits_has_no_keys() -> None:
    assert not has_keys(band_keys("-- ... !!"))


def test_copies_point_at_the_first_stored_copy_within_and_across_batches(store_path: Path) -> None:
    original, copy_in_batch, later_copy, other = (
        analyzed(WIRE, 1),
        analyzed("UPDATE 1-" + WIRE, 2),
        analyzed(WIRE + " (Editing by Ed)", 3),
        analyzed(OTHER, 4),
    )
    with Store.open(store_path) as store:
        store.add_batch(*from_analyzed([original, copy_in_batch, other]))
        store.add_batch(*from_analyzed([later_copy]))
        back = {a.article.id: a.article.duplicate_of for a in store.analyzed_articles([1, 2, 3, 4])}
    assert back == {
        original.article.id: None,
        copy_in_batch.article.id: original.article.id,
        other.article.id: None,
        later_copy.article.id: original.article.id,
    }


def test_a_copy_is_recognised_by_another_store_connection_and_after_reopening(store_path: Path) -> None:
    with Store.open(store_path) as first, Store.open(store_path) as second:
        second.add_batch(*from_analyzed([analyzed(OTHER, 1)]))
        first.add_batch(*from_analyzed([analyzed(WIRE, 2)]))
        second.add_batch(*from_analyzed([analyzed("UPDATE 2-" + WIRE, 3)]))
    with Store.open(store_path) as reopened:
        reopened.add_batch(*from_analyzed([analyzed(WIRE + " Reporting by Ann Saphir.", 4)]))
        links = [a.article.duplicate_of for a in reopened.analyzed_articles([1, 2, 3, 4])]
    wire_id = analyzed(WIRE, 2).article.id
    assert links == [None, None, wire_id, wire_id]


def test_a_store_of_schema_version_1_gains_duplicate_links(store_path: Path) -> None:
    connection = sqlite3.connect(store_path)
    connection.executescript(MIGRATIONS[0])
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO articles (id, published, text) VALUES ('old', '2020-01-01', 'x')")
    connection.commit()
    connection.close()
    with Store.open(store_path) as store:
        assert store.add_batch(*from_analyzed([analyzed(WIRE, 1), analyzed(WIRE + " More.", 2)])) == 2
        links = [a.article.duplicate_of for a in store.analyzed_articles([1, 2, 3])]
    assert links == [None, None, analyzed(WIRE, 1).article.id]


def test_real_wire_copies_and_refilings_are_linked_and_different_events_are_not(
    t17_pairs: Path, store_path: Path
) -> None:
    with Store.open(store_path) as store:
        ingest(store, [t17_pairs])
        rowids = store.match_articles(None)
        by_source = {a.article.source.split("t17/", 1)[1]: a.article for a in store.analyzed_articles(rowids)}
    for first, second in CROSS_FOLDER_COPIES + REFILINGS:
        earlier, later = sorted((by_source[first], by_source[second]), key=lambda a: a.source)
        assert (earlier.duplicate_of, later.duplicate_of) == (None, earlier.id), (first, second)
    for first, second in DIFFERENT_EVENTS:
        assert by_source[first].duplicate_of is None and by_source[second].duplicate_of is None


def test_copies_ingested_in_a_later_run_point_at_the_articles_of_an_earlier_one(
    t17_pairs: Path, store_path: Path
) -> None:
    with Store.open(store_path) as store:
        ingest(store, [t17_pairs / "LibyaWar_reuters"])
    with Store.open(store_path) as store:
        ingest(store, [t17_pairs / "SyrianCrisis_reuters"])
        linked = [
            a.article
            for a in store.analyzed_articles(store.match_articles(None))
            if a.article.collection == "SyrianCrisis_reuters" and a.article.duplicate_of
        ]
    assert len(linked) == len(CROSS_FOLDER_COPIES)


def test_retrieval_returns_a_story_once_unless_its_original_is_filtered_out(store_path: Path) -> None:
    """A timeline's articles are stories: fifty copies of one wire story must not fill a
    limit of fifty. A copy stands in for its original when the filters leave that out."""
    copies = [analyzed(f"Outlet {n} | " + WIRE, 2 + n % 20) for n in range(30)]
    with Store.open(store_path) as store:
        store.add_batch(*from_analyzed([analyzed(WIRE, 1), analyzed(OTHER, 1), *copies]))
        assert store.count_articles() == 32
        wire_only = find_articles(store, "Federal Reserve")
        assert wire_only.rowids == [1]
        assert len(find_articles(store, "Federal Reserve", limit=5).rowids) == 1
        later = find_articles(store, "Federal Reserve", date_from=dt.date(2024, 3, 2), limit=50)
        assert len(later.rowids) == 30
        assert len(find_articles(store, "").rowids) == 2
        assert len(store.match_articles('"federal"')) == 31  # listings show every copy


@settings(max_examples=200, deadline=None)
@given(first=st.text(alphabet="ab cé1.,", max_size=300), second=st.text(alphabet="ab cé1.,", max_size=300))
def test_resemblance_is_the_jaccard_index_of_the_shingle_sets(first: str, second: str) -> None:
    a, b = set(shingle_hashes(first).tolist()), set(shingle_hashes(second).tolist())
    assert resemblance(first, second) == (len(a & b) / len(a | b) if a | b else 1.0)
