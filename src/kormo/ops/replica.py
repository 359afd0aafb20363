"""Reads that may be a few seconds behind, sent to a PostgreSQL read replica.

With `DATABASE_REPLICA_URL` set (docs/deployment.md), the settings add the database alias
`replica` and install `PrimaryReplicaRouter`; without it nothing changes: no alias, no router,
every read and write on `default`. It lives in `ops` (operations, below every app) so that the
apps' reads can name it; the settings name the router.

What goes to the replica is chosen explicitly, never by app or model: the supervisors'
dashboard (`kormo.progress.dashboard`) and the open data writer
(`kormo.public.opendata_files`) read inside `replica_reads()` or with
`.using(replica_alias())`. Everything else — every write, and every page that must show what
it has just written (editor, progress, reports) — stays on the primary:

- `db_for_write` is always `default`, also for a row that was read from the replica;
- inside a transaction on the primary (`atomic`), reads stay on the primary, so a transaction
  sees its own writes even in a `replica_reads()` block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_STALE_OK: ContextVar[bool] = ContextVar("kormo_replica_reads", default=False)


def replica_alias() -> str:
    """The alias for a read that may be a few seconds behind: the replica when one is set up
    and no transaction is open on the primary, else the primary."""
    if REPLICA not in settings.DATABASES or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block (of rows not already tied to a database) go to
    `replica_alias()`; writes still go to the primary."""
    token = _STALE_OK.set(True)
    try:
        yield
    finally:
        _STALE_OK.reset(token)


class PrimaryReplicaRouter:
    """Installed only with a replica (`DATABASE_REPLICA_URL`)."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        # None: Django's own choice (the row's database, else the primary).
        return replica_alias() if _STALE_OK.get() else None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: a row read there may point at one read here.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by replication
