"""The manifest of a sharded store: which shards there are and which articles each holds.

A sharded store is a folder of ordinary dateline stores, ``shard-000.db`` … , and a
``manifest.json`` naming them with the schema version they were created at and the
routing rule. Articles are routed by publication month: month ``m`` of year ``y`` goes
to shard ``(12·y + m − 1) mod N``. A month's articles, and so nearly all copies of a
wire story (republished within days), land in one shard with their original. Consecutive
months go to consecutive shards, so the shards stay about the same size and a query over
any N months reads all of them. The number of shards is fixed when the store is created:
changing it means ingesting into a new folder. One exception: a near-duplicate copy of
an article stored in another shard goes to that shard (``dateline.shards.copies``);
reads never depend on where an article is, they ask every shard.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import StoreError
from dateline.store.schema import SCHEMA_VERSION

MANIFEST = "manifest.json"
ROUTING = "publication-month"
MAX_SHARDS = 256


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` says: the shard files (relative to the folder), in order,
    the routing rule and the schema version the store was created at."""

    shards: tuple[str, ...]
    routing: str = ROUTING
    schema_version: int = SCHEMA_VERSION

    def shard_of(self, published: dt.date) -> int:
        """The index of the shard that holds an article published on ``published``."""
        return (12 * published.year + published.month - 1) % len(self.shards)

    def to_dict(self) -> dict[str, object]:
        return {"schema_version": self.schema_version, "routing": self.routing, "shards": list(self.shards)}


def is_sharded(path: Path) -> bool:
    """Whether ``--db path`` names a sharded store: a folder (one is created by an
    ingest with ``--shards``)."""
    return path.is_dir()


def new_manifest(count: int) -> Manifest:
    if not 1 <= count <= MAX_SHARDS:
        raise StoreError(f"--shards must be between 1 and {MAX_SHARDS}, got {count}")
    return Manifest(tuple(f"shard-{index:03d}.db" for index in range(count)))


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the sharded store in ``folder`` (a ``StoreError`` saying what is
    wrong when there is none, or it cannot be read)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise StoreError(
            f"{folder}: no sharded store here (no {MANIFEST}); create one with 'dateline ingest --shards N'"
        )
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(tuple(content["shards"]), content["routing"], int(content["schema_version"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(f"{path}: cannot read the manifest: {error}") from None
    if manifest.routing != ROUTING or not manifest.shards:
        raise StoreError(f"{path}: unknown routing {manifest.routing!r} or no shards")
    return manifest


def shard_files(folder: Path) -> list[Path]:
    """The shard files of the sharded store in ``folder``, in order (each an ordinary
    store: ``dateline check`` checks them one by one)."""
    return [folder / name for name in read_manifest(folder).shards]


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a temporary file renamed over it), so a crash leaves
    the old one or the new one, never half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps(manifest.to_dict(), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)
