"""Triple stores behind one interface, chosen by name or by the shape of the location.

``open_store(location)`` returns a ``Store``: an on-disk Oxigraph folder by default, or another
registered backend. A new backend is one class implementing ``kg.store.base.Store`` plus one
``register_store`` call — the rest of kg never imports a backend directly.
"""

from kg.store.base import QueryResult, Store, StoreBusyError, StoreError
from kg.store.registry import STORES, open_store, register_store

__all__ = ["STORES", "QueryResult", "Store", "StoreBusyError", "StoreError", "open_store", "register_store"]
