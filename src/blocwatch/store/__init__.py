"""store stage: the corpus database (DuckDB file or PostgreSQL URL).

    open_store(db=None, wait=30.0) -> Store
"""

from __future__ import annotations

from blocwatch.store.corpus import Store, open_store

__all__ = ["Store", "open_store"]
