"""
Many rows at once: one statement that the database driver repeats (``executemany``).

``QuerySet.bulk_create`` builds a placeholder and converts a parameter per value in
Python and checks every object (about 100 µs a row of Update), and ``bulk_update`` builds
a CASE of every row for every field; a log of 10,000 sections writes 120,000 rows. Here
integers and booleans go to the driver as they are, every other value (text, which may be
a choices enum; dates; JSON; files) through its field once. Like bulk_create and
bulk_update, this sends no signals.
"""

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Model

# Fields whose Python values the drivers (sqlite3, psycopg) store as they are. (Not text:
# psycopg writes an enum by its name, where Django's field writes its value.)
_PLAIN = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "IntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField",
}  # fmt: skip
# Fields whose preparation leaves a plain ``str`` as it is (a choices enum, a subclass of
# str, still goes through the field).
_TEXT = {"CharField", "EmailField", "SlugField", "TextField", "URLField"}


def rows_insert(model: type[Model], rows: Sequence[dict], *, key: Sequence[str] = ()) -> list:
    """INSERT ``rows`` of ``model``: dicts of field attnames to values; a field a row leaves
    out takes its default.

    With ``key`` (attnames whose values tell the new rows apart from each other and from
    every row already in the table), returns the new rows' primary keys in order, read back
    in one query.
    """
    if not rows:
        return []
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = [f.get_default() for f in fields]
    prepare = _converters(fields, connection)
    values = [
        _prepared([row.get(f.attname, d) for f, d in zip(fields, defaults, strict=True)], prepare)
        for row in rows
    ]
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    if not key:
        return []
    written = model._base_manager.using(alias).filter(
        **{f"{key[0]}__in": {row[key[0]] for row in rows}}
    )
    pks = {tuple(found[:-1]): found[-1] for found in written.values_list(*key, "pk")}
    return [pks[tuple(row[name] for name in key)] for row in rows]


def objects_insert(objs: Sequence[Model], *, key: Sequence[str] = ()) -> None:
    """INSERT unsaved ``objs`` of one model; with ``key``, set their primary keys (see
    ``rows_insert``)."""
    if not objs:
        return
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # pre_save gives auto_now fields their value, as save() and bulk_create do.
    rows = [{f.attname: f.pre_save(obj, True) for f in fields} for obj in objs]
    pks = rows_insert(model, rows, key=key)
    if not key:
        return
    alias = router.db_for_write(model)
    for obj, pk in zip(objs, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias


def objects_update(objs: Sequence[Model], fields: Sequence[str]) -> None:
    """UPDATE ``fields`` (attnames) of saved ``objs`` of one model to their values."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    columns = [meta.get_field(name) for name in fields]
    prepare = [*_converters(columns, connection), None]
    values = [_prepared([*(getattr(o, f.attname) for f in columns), o.pk], prepare) for o in objs]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - as in rows_insert
        quote(meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in columns),
        quote(meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _converters(fields, connection) -> list:
    """Per field: None where the driver takes the value as it is, else its conversion."""

    def converter(field):
        stored = field.target_field if field.is_relation else field
        kind = stored.get_internal_type()
        if kind in _PLAIN:
            return None
        if kind in _TEXT:
            return lambda value: (
                value if type(value) is str else field.get_db_prep_save(value, connection)
            )
        return lambda value: field.get_db_prep_save(value, connection)

    return [converter(f) for f in fields]


def _prepared(values: list, converters: list) -> list:
    for i, convert in enumerate(converters):
        if convert is not None:
            values[i] = convert(values[i])
    return values
