"""The sharded store (``dateline.shards``): a folder of ordinary stores, routed by
publication month, written by one writer per shard and read as one store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.ingest.job import ingest
from dateline.shards import ShardedStore, open_store, store as sharded
from dateline.shards.copies import routes
from dateline.shards.manifest import new_manifest, read_manifest, shard_files
from dateline.store import Store
from dateline.store.integrity import check_store

SHARDS = 4
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo corpus in one store and in a store of four shards."""
    folder = tmp_path_factory.mktemp("sharded")
    with Store.open(folder / "one.db") as one:
        ingest(one, [EXAMPLES])
    with ShardedStore.open(folder / "four", shards=SHARDS) as four:
        ingest(four, [EXAMPLES])
    return folder / "one.db", folder / "four"


def test_a_month_goes_to_one_shard_and_consecutive_months_to_consecutive_shards() -> None:
    manifest = new_manifest(SHARDS)
    assert manifest.shard_of(dt.date(2014, 9, 1)) == manifest.shard_of(dt.date(2014, 9, 30))
    shards = [manifest.shard_of(dt.date(2014, month, 15)) for month in range(1, 9)]
    assert shards == [(shards[0] + step) % SHARDS for step in range(8)]


def test_a_copy_goes_to_its_originals_shard_and_a_copy_of_a_batch_article_follows_it() -> None:
    # Four new articles (row ids 10-13) at home in shards 0, 1, 2, 3: the first copies
    # stored article 5 of shard 2, the second stored article 6 of shard 3, the third
    # copies the batch's first, the fourth copies nothing.
    originals = [5, 6, 10, None]
    shard_of = {5: 2, 6: 3, 7: 1}
    assert routes([0, 1, 2, 3], originals, [10, 11, 12, 13], shard_of) == [2, 3, 2, 3]
    assert routes([0, 3, 0, 1], originals, [10, 11, 12, 13], shard_of) == [2, 3, 2, 1]
    assert routes([0, 3, 0, 1], [None, 6, 10, None], [10, 11, 12, 13], shard_of) == [0, 3, 0, 1]


def test_the_manifest_names_the_shards_and_the_routing(stores: tuple[Path, Path]) -> None:
    manifest = read_manifest(stores[1])
    assert manifest.shards == tuple(f"shard-{index:03d}.db" for index in range(SHARDS))
    assert manifest.routing == "publication-month"
    assert all((stores[1] / name).is_file() for name in manifest.shards)


def test_every_article_is_stored_once_in_its_months_shard_under_its_single_store_row_id(
    stores: tuple[Path, Path],
) -> None:
    one_path, folder = stores
    with Store.open(one_path, create=False) as one:
        expected = {article_id: rowid for rowid, article_id in _ids(one)}
    manifest = read_manifest(folder)
    found: dict[str, int] = {}
    for index, name in enumerate(manifest.shards):
        with Store.open(folder / name, create=False) as shard:
            for rowid, article_id in _ids(shard):
                article = shard.get_article(article_id)
                assert article is not None and manifest.shard_of(article.published) == index
                assert article_id not in found
                found[article_id] = rowid
    assert found == expected


def test_every_shard_is_a_consistent_store_of_its_own(stores: tuple[Path, Path]) -> None:
    for path in sorted(stores[1].glob("shard-*.db")):
        report = check_store(path)
        assert report.consistent, report.findings


def test_rerunning_an_ingest_a_shard_failed_stores_exactly_the_missing_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sharded._add_part
    failed: list[bool] = []

    def fail_once_in_the_last_shard(*part_and_store):  # type: ignore[no-untyped-def]
        if part_and_store[-1].path.endswith(f"shard-{SHARDS - 1:03d}.db") and not failed:
            failed.append(True)
            raise OSError("disk full")
        return real(*part_and_store)

    monkeypatch.setattr(sharded, "_add_part", fail_once_in_the_last_shard)
    with ShardedStore.open(tmp_path / "four", shards=SHARDS) as store, pytest.raises(OSError):
        ingest(store, [EXAMPLES], batch_size=8)
    with ShardedStore.open(tmp_path / "four") as store:
        stored = store.count_articles()
        assert 0 < stored < 45
        report = ingest(store, [EXAMPLES], batch_size=8)
        assert (report.added, report.already_stored) == (45 - stored, stored)
        assert store.count_articles() == 45
    assert all(check_store(path).consistent for path in (tmp_path / "four").glob("shard-*.db"))


def test_a_second_writer_is_refused_while_one_writes(tmp_path: Path) -> None:
    with ShardedStore.open(tmp_path / "four", shards=SHARDS), pytest.raises(StoreError, match="another process"):
        ShardedStore.open(tmp_path / "four")


def test_a_folder_this_user_may_not_write_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions do not bind root, who runs CI: the lock file's open fails as it would.
    with ShardedStore.open(tmp_path / "four", shards=SHARDS):
        pass
    opened = Path.open

    def denied(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == sharded.WRITE_LOCK:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(StoreError, match="cannot write to the sharded store: Permission denied"):
        ShardedStore.open(tmp_path / "four")


def test_the_shard_count_is_fixed_at_creation(tmp_path: Path) -> None:
    with ShardedStore.open(tmp_path / "four", shards=SHARDS):
        pass
    with pytest.raises(StoreError, match="has 4 shards, not 8"):
        ShardedStore.open(tmp_path / "four", shards=8)


def test_a_crash_while_creating_the_shards_leaves_no_manifest_and_the_same_ingest_creates_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store.open

    def crash_at_the_third_shard(path: Path | str, create: bool = True) -> Store:
        if str(path).endswith("shard-002.db"):
            raise KeyboardInterrupt  # as a kill -9 there: nothing after it runs
        return real(path, create)

    monkeypatch.setattr(Store, "open", crash_at_the_third_shard)
    with pytest.raises(KeyboardInterrupt):
        ShardedStore.open(tmp_path / "four", shards=SHARDS)
    assert not (tmp_path / "four" / "manifest.json").exists()
    monkeypatch.setattr(Store, "open", real)
    with ShardedStore.open(tmp_path / "four", shards=SHARDS) as store:
        ingest(store, [EXAMPLES])
    assert all(check_store(path).consistent for path in shard_files(tmp_path / "four"))


def test_a_folder_without_a_manifest_is_no_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no sharded store here"):
        open_store(tmp_path, create=False)


def test_a_file_path_opens_the_one_file_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.db") as store:
        assert isinstance(store, Store)


def _ids(store: Store) -> list[tuple[int, str]]:
    with store.snapshot() as db:
        return db.execute("SELECT rowid, id FROM articles ORDER BY rowid").fetchall()
