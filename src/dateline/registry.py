"""One way to offer a choice by name: timeline methods, input readers, output formats.

Each kind of plug-in has one ``Registry``, defined beside the interface it implements.
A built-in is registered either as the object itself (``register``), by the module that
imports the implementations, or as a ``"module:attribute"`` reference (``builtins``),
imported on first use; a separately installed package adds its own the same way, as an
entry point of the registry's group:

    # pyproject.toml of a plug-in package
    [project.entry-points."dateline.methods"]
    mymethod = "my_package.timeline:MyMethod"

A reference is imported when its name is first looked up, so listing the names imports
nothing, a command pays only for what it uses, and a broken plug-in fails only when it
is chosen. The CLI's and the HTTP API's choices are a registry's ``names()``, so both
offer exactly what is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from importlib.metadata import entry_points
from threading import RLock
from typing import Any, Generic, TypeVar

from dateline.errors import UsageError

T = TypeVar("T")


class Registry(Generic[T]):
    """Things of one kind by name: registered objects, ``builtins`` references
    (name -> ``"module:attribute"``) and the entry points of ``group``.

    ``kind`` names the choice in error messages ("method", "format"). A registered
    object or a built-in takes precedence over an entry point of the same name.
    """

    def __init__(self, kind: str, group: str, builtins: Mapping[str, str] | None = None) -> None:
        self.kind = kind
        self.group = group
        self._loaded: dict[str, T] = {}
        self._pending: dict[str, Callable[[], Any]] = {
            name: _importer(reference) for name, reference in (builtins or {}).items()
        }
        self._plugins_found = False
        self._lock = RLock()  # the web server looks names up from several threads

    def register(self, name: str, item: T) -> T:
        """Offer ``item`` under ``name``; returns ``item``."""
        with self._lock:
            self._pending.pop(name, None)
            self._loaded[name] = item
        return item

    def get(self, name: str) -> T:
        """The item called ``name``, or a ``UsageError`` listing the choices."""
        with self._lock:
            self._find_plugins()
            if name in self._pending:
                self._loaded[name] = self._pending[name]()
                del self._pending[name]
        try:
            return self._loaded[name]
        except KeyError:
            raise UsageError(f"unknown {self.kind} {name!r}; choose one of: {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        """Every registered name, sorted; nothing is imported to list them."""
        self._find_plugins()
        return sorted(self._loaded.keys() | self._pending.keys())

    def items(self) -> Iterator[tuple[str, T]]:
        """``(name, item)`` for every name, in name order (importing each)."""
        return ((name, self.get(name)) for name in self.names())

    def __contains__(self, name: object) -> bool:
        self._find_plugins()
        return name in self._loaded or name in self._pending

    def _find_plugins(self) -> None:
        with self._lock:
            if self._plugins_found:
                return
            self._plugins_found = True
            for point in entry_points(group=self.group):
                if point.name not in self._loaded and point.name not in self._pending:
                    self._pending[point.name] = point.load


def _importer(reference: str) -> Callable[[], Any]:
    module, _, attribute = reference.partition(":")
    return lambda: getattr(import_module(module), attribute)
