"""Fast inserts for large imports: one prepared INSERT and ``executemany``.

Django's ``bulk_create`` builds and compiles a new SQL statement for every batch, which on
SQLite (at most 999 parameters per statement, so about 30 companies per batch) costs
about eight times a plain ``executemany`` of the same rows (measured: 18 s against 2.2 s
for 100 000 companies, see docs/benchmarks.md). ``Inserter`` takes the column list from
the model, fills every field that is not given with the field's default (so fields that
other apps add later keep working), adapts values the way the ORM does, and inserts with
one statement. Primary keys are allocated up front (``allocate_ids``), so that the
caller can link rows to each other without reading them back.

No signals are sent and ``save()`` is not called: callers compute what ``save()`` would
(derived fields) and write history rows themselves.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.utils import timezone


class Inserter:
    """``encoded``: JSON fields whose values are given as JSON text already (made on the
    worker processes); on SQLite they are stored as they are."""

    def __init__(
        self, model: type[models.Model], *, with_pk: bool = False, encoded: Sequence[str] = ()
    ):
        self.model = model
        ops = connection.ops
        qn = ops.quote_name
        self.fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.names = [f.attname for f in self.fields]
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            qn(model._meta.db_table),
            ", ".join(qn(f.column) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )
        now = timezone.now()
        self._defaults = []
        self._adapters = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif f.has_default():
                default = f.get_default()
            elif f.null:
                default = None
            elif f.empty_strings_allowed:
                default = ""
            else:
                default = None
            if f.attname in encoded:
                default = json.dumps(default)
                adapter = _decoded(f) if connection.vendor != "sqlite" else None
            else:
                adapter = _adapter(f)
            self._adapters.append(adapter)
            self._defaults.append(default)
        self._adapt_at = [(i, a) for i, a in enumerate(self._adapters) if a is not None]

    def row(self, values: dict) -> tuple:
        out = list(map(values.get, self.names, self._defaults))
        for i, adapt in self._adapt_at:
            value = out[i]
            if value is not None:
                out[i] = adapt(value)
        return tuple(out)

    def insert(self, rows: Iterable[dict]) -> int:
        params = [self.row(r) for r in rows]
        if not params:
            return 0
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, params)
        return len(params)


def _adapter(field):
    ops = connection.ops
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        # the same few timestamps ('now' of a chunk) over and over: adapt each once
        return lru_cache(maxsize=256)(ops.adapt_datetimefield_value)
    if internal == "DateField":
        return ops.adapt_datefield_value
    if internal == "DecimalField":
        return lambda v: ops.adapt_decimalfield_value(
            field.to_python(v), field.max_digits, field.decimal_places
        )
    if internal == "JSONField":
        if connection.vendor == "sqlite" and field.encoder is None:
            return _json_text
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def _decoded(field):
    """JSON text to what the database driver takes for a JSON field (not SQLite)."""
    return lambda text: field.get_db_prep_save(json.loads(text), connection)


def _json_text(value) -> str:
    """JSON as SQLite stores it (what JSONField would send), quicker for empty values."""
    if not value:
        if value == {}:
            return "{}"
        if value == []:
            return "[]"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def allocate_ids(model: type[models.Model], n: int) -> list[int]:
    """``n`` fresh primary keys for ``model``, to be used by explicit INSERTs.

    Must run inside the transaction that inserts them. On SQLite the transaction holds
    the write lock (``BEGIN IMMEDIATE``), so no one else can take ids meanwhile; the
    AUTOINCREMENT sequence is respected, so ids of deleted rows are never reused. On
    PostgreSQL the ids are taken from the sequence."""
    if n <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, n],
            )
            return [r[0] for r in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise ImproperlyConfigured(
                f"Der Import unterstützt SQLite und PostgreSQL, nicht {connection.vendor}."
            )
        cursor.execute(f"SELECT max({connection.ops.quote_name(pk)}) FROM {table}")
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            if found and found[0] and found[0] > top:
                top = found[0]
    return list(range(top + 1, top + 1 + n))


def update_many(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """``UPDATE table SET f1=%s, ... WHERE pk=%s`` for each (values..., pk) tuple."""
    qn = connection.ops.quote_name
    meta = model._meta
    cols = [meta.get_field(f) for f in fields]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        qn(meta.db_table),
        ", ".join(f"{qn(c.column)} = %s" for c in cols),
        qn(meta.pk.column),
    )
    adapters = [_adapter(c) for c in cols]
    params = []
    for row in rows:
        values = [
            a(v) if a is not None and v is not None else v
            for a, v in zip(adapters, row[:-1], strict=True)
        ]
        params.append((*values, row[-1]))
    if not params:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(params)


# Page cache for bulk writes on SQLite (KiB). SQLite's default of 2 MB makes inserts into
# a table with many indexes (companies: eleven) read and write the same index pages again
# and again; 256 MB holds them for 100 000 rows. Memory is taken only as pages are used.
BULK_CACHE_KIB = 262144


@contextmanager
def bulk_writes():
    """Tune the SQLite connection for a large import, and restore it afterwards.

    A larger page cache, and no automatic WAL checkpoint after every commit of a chunk
    (each would copy the changed index pages back into the database file); one
    checkpoint at the end instead. PostgreSQL needs nothing of this."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        old_cache = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA wal_autocheckpoint")
        old_checkpoint = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        cursor.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {old_cache}")
                cursor.execute(f"PRAGMA wal_autocheckpoint = {old_checkpoint}")
                if not connection.in_atomic_block:
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


def insert_rows(model: type[models.Model], columns: Sequence[str], params: list[tuple]) -> int:
    """INSERT of ready-made rows: ``columns`` are attnames, every tuple of ``params`` holds
    their database-ready values in that order (see ``prebuild.py``)."""
    if not params:
        return 0
    qn = connection.ops.quote_name
    meta = model._meta
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(meta.db_table),
        ", ".join(qn(meta.get_field(c).column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(params)


def ready_defaults(inserter: Inserter) -> list:
    """The defaults of an ``Inserter``'s columns as the database takes them."""
    out = []
    for default, adapt in zip(inserter._defaults, inserter._adapters, strict=True):
        if isinstance(default, enum.Enum):  # a choice: its plain value (no model class)
            default = default.value
        out.append(adapt(default) if adapt is not None and default is not None else default)
    return out


def adapted_columns(inserter: Inserter) -> set[str]:
    """Columns whose values the ORM adapts before they go to the database."""
    return {n for n, a in zip(inserter.names, inserter._adapters, strict=True) if a is not None}
