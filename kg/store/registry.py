"""Backends by name. ``open_store`` picks one from the location (URL → endpoint, else folder)."""

from __future__ import annotations

import os
from typing import Callable

from kg.store.base import Store, StoreError

StoreFactory = Callable[..., Store]
STORES: dict[str, StoreFactory] = {}
DEFAULT_STORE = ".kg"


def register_store(name: str) -> Callable[[StoreFactory], StoreFactory]:
    def wrap(factory: StoreFactory) -> StoreFactory:
        STORES[name] = factory
        return factory

    return wrap


def _load_backends() -> None:
    """Import every ``kg/store/*_store.py`` module; each registers itself with ``register_store``."""
    import importlib
    import pkgutil

    import kg.store

    for module in pkgutil.iter_modules(kg.store.__path__):
        if module.name.endswith("_store"):
            importlib.import_module(f"kg.store.{module.name}")


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, *, read_only: bool = False, backend: str | None = None) -> Store:
    """Open the store at ``location`` (default ``$KG_STORE`` or ``./.kg``)."""
    _load_backends()
    location = location or default_location()
    if backend is None:
        backend = "sparql" if location.startswith(("http://", "https://")) else "oxigraph"
    factory = STORES.get(backend)
    if factory is None:
        raise StoreError(f"unknown store backend {backend!r} (known: {', '.join(sorted(STORES))})")
    return factory(location, read_only=read_only)
