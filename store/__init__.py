"""The store: programmes, rounds, intakes and line-up versions that outlive one spreadsheet.

SQLAlchemy 2 with Alembic migrations; SQLite in the user's data directory by default,
PostgreSQL (psycopg 3) by URL. :class:`Store` is the way in; ``store.people`` matches people
across rounds, ``store.privacy`` forgets and exports them.
"""

from store.db import ENV_VAR, StoreError, default_url
from store.records import Store, StoredVersion, VersionInfo

__all__ = ["ENV_VAR", "Store", "StoreError", "StoredVersion", "VersionInfo", "default_url"]
