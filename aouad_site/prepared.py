"""One-row lookups whose SQL the ORM builds once per process instead of on every call.

Every vote looks up two rows: the signed-in fan (Django's `get_user`, on every signed-in
request) and the theory it locks. Building a SELECT is most of such a lookup's cost: on
SQLite, `User.objects.get(pk=…)` took 0.43 ms and the same statement through `raw()` 0.20 ms
(which still resolves columns and converters on each call), against 0.06 ms here, for a
statement that runs in about 0.03 ms (bench/README.md). Everything that matters is still
Django's: its compiler writes the statement (`select_for_update()` turns into FOR UPDATE only
where the database has it), its converters turn the values into Python ones (aware datetimes
on SQLite), and `Model.from_db` builds the instance, deferred fields and all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet


class PreparedGet[M: Model]:
    """`queryset.get(pk=…)` (or None) for any pk, compiled once per database connection.

    `build` returns the queryset for a sample pk (0, or "0" for a text key): its one parameter
    must be the pk.
    """

    def __init__(self, build: Callable[[int], QuerySet[M]]) -> None:
        self._build = build
        self._model: type[M] | None = None
        self._alias = ""

    def _compile(self, queryset: QuerySet[M]) -> tuple[Any, str, list[str], dict]:
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        if len(params) != 1:
            raise ValueError(f"A prepared lookup takes the pk as its only parameter: {params}")
        select = compiler.select
        fields = compiler.klass_info["select_fields"]
        names = [column[0].target.attname for column in select[fields[0] : fields[-1] + 1]]
        converters = compiler.get_converters([column[0] for column in select])
        return compiler, sql, names, converters

    def get(self, pk: object) -> M | None:
        if self._model is None:
            sample = self._build(0)
            self._model, self._alias = sample.model, sample.db
        connection = connections[self._alias]
        # Kept on the connection object: the statement and converters differ between
        # databases, each thread has its own connection object, and what is compiled for one
        # refers to it, so it must go when the connection object does.
        compiled_here = connection.__dict__.setdefault("prepared_lookups", {})
        compiled = compiled_here.get(self)
        if compiled is None:
            compiled = compiled_here[self] = self._compile(self._build(0))
        compiler, sql, names, converters = compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(compiler.apply_converters([row], converters))
        return self._model.from_db(self._alias, names, row)
