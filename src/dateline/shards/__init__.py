"""A sharded store: a folder of ordinary dateline stores, used as one (docs/sharding.md).

    from dateline.shards import open_store
    with open_store("archive/", shards=4) as store:   # a folder: sharded
        ingest(store, ["articles/"])

``open_store`` opens a one-file store for a file path, so a command that takes ``--db``
works on either; ``AnyStore`` is what it returns.
"""

from dateline.shards.store import ShardedStore, open_store
from dateline.store import Store

AnyStore = Store | ShardedStore

__all__ = ["AnyStore", "ShardedStore", "open_store"]
