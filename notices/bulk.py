"""Fast inserts for ingest batches: `COPY` on PostgreSQL, `executemany` on SQLite.

Django's `bulk_create` compiles one large INSERT per batch; for 1,000 notices with their lots,
awards and considerations, compiling the statement and splitting its parameters took 60 % of an
ingest batch on PostgreSQL (cProfile, `bench.ingest`), more than the write itself. Here rows are
plain dicts of column values (keyed by attname: `notice_id`, not `notice`), converted once per
column type, then streamed with `COPY ... FROM STDIN` (psycopg `cursor.copy`) or inserted with
one prepared `executemany`. Callers run inside the batch transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import orjson
from django.db import connection, models

Row = dict[str, Any]
Converter = Callable[[Any], Any]


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _converter(field: models.Field) -> Converter | None:
    """How a Python value becomes a database value for this column (None: as it is)."""
    if isinstance(field, models.JSONField):
        return _json
    if connection.vendor != "postgresql" and isinstance(
        field, models.DateField | models.DecimalField | models.DateTimeField
    ):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Primary keys for `count` new rows, so that children can point to them before COPY.

    PostgreSQL draws them from the identity sequence (gaps are harmless); SQLite, whose batch
    transaction holds the write lock from its start (`transaction_mode` IMMEDIATE), continues
    after the largest id.
    """
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def insert(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Insert `rows` (all with the same keys) into `model`'s table."""
    if not rows:
        return
    columns = list(rows[0])
    fields = {field.attname: field for field in model._meta.concrete_fields}
    converters = [
        (index, converter) for index, name in enumerate(columns) if (converter := _converter(fields[name]))
    ]
    values = []
    for row in rows:
        value = [row[name] for name in columns]
        for index, converter in converters:
            if value[index] is not None:
                value[index] = converter(value[index])
        values.append(value)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(fields[name].column) for name in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)
