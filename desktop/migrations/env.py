"""Alembic environment: runs on the engine or the connection the app passes in (see store/migrate.py)."""

from alembic import context
from sqlalchemy import create_engine

from desktop.store.models import Base

config = context.config
target_metadata = Base.metadata

# Search index tables are created by raw DDL in their migration and are not
# described by the models; autogenerate must leave them alone.
_UNMANAGED_PREFIXES = ("search_", "passages_fts", "sheets_fts")


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and name and name.startswith(_UNMANAGED_PREFIXES):
        return False
    return True


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:   # the caller's connection and transaction (PostgreSQL, under its lock)
        _run(connection)
        return
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


run_migrations_online()
