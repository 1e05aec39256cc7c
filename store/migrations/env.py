"""Alembic environment: runs migrations on the engine the store passes in (no ini file).

SQLite alters a table by copying it and dropping the old one; with foreign keys on, that drop
would cascade into every child row, so they are off while migrating (checked after, and the
connection is discarded so no other work runs without them).
"""

from __future__ import annotations

from alembic import context

from store.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=sqlite)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.invalidate()  # never back to the pool with foreign keys off
        if broken:
            raise RuntimeError(f"migration left {len(broken)} rows with broken references")
