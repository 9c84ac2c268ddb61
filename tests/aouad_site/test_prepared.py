"""Prepared lookups (aouad_site/prepared.py) give exactly what the ORM's get() gives."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from django.db import connection, connections, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from aouad_site.prepared import PreparedGet
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory


@pytest.mark.django_db
def test_it_builds_the_same_instance_as_the_orm() -> None:
    fan = UserFactory(display_name="Nam On-jo", watched_episode=3)
    by_pk = PreparedGet(lambda pk: User.objects.filter(pk=pk))

    found = by_pk.get(fan.pk)
    expected = User.objects.get(pk=fan.pk)

    assert found is not None and found._state.adding is False
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert found.date_joined.tzinfo is not None  # converted as the ORM converts (SQLite)
    assert found.is_active is True


@pytest.mark.django_db
def test_it_finds_nothing_for_a_missing_pk() -> None:
    assert PreparedGet(lambda pk: User.objects.filter(pk=pk)).get(987654) is None


@pytest.mark.django_db
def test_it_keeps_the_querysets_columns_and_lock() -> None:
    theory = TheoryFactory(title="Cheong-san survived the bite")
    locking = PreparedGet(lambda pk: Theory.objects.select_for_update().only("title").filter(pk=pk))

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        found = locking.get(theory.pk)
        again = locking.get(theory.pk)

    assert found.title == again.title == "Cheong-san survived the bite"
    assert found.get_deferred_fields() >= {"body", "score"}
    sql = queries.captured_queries[-1]["sql"]
    assert '"body"' not in sql
    assert ("FOR UPDATE" in sql) == connection.features.has_select_for_update


@pytest.mark.django_db
def test_it_compiles_once_per_connection() -> None:
    fan = UserFactory()
    built = []

    def build(pk: int) -> QuerySet[User]:
        built.append(pk)
        return User.objects.filter(pk=pk)

    by_pk = PreparedGet(build)
    for _ in range(5):
        assert by_pk.get(fan.pk) == fan

    assert built == [0, 0]  # the model and database once, the statement once


@pytest.mark.django_db
def test_it_refuses_a_queryset_with_other_parameters() -> None:
    lookup = PreparedGet(lambda pk: User.objects.filter(pk=pk, username="onjo"))

    with pytest.raises(ValueError, match="only parameter"):
        lookup.get(1)


@pytest.mark.django_db(transaction=True)
def test_what_it_compiles_goes_with_the_threads_connection() -> None:
    fan = UserFactory()
    by_pk = PreparedGet(lambda pk: User.objects.filter(pk=pk))
    seen = []

    def look_up() -> None:
        try:
            assert by_pk.get(fan.pk) == fan
            seen.append(weakref.ref(connections["default"]))  # this thread's own
        finally:
            connection.close()

    thread = threading.Thread(target=look_up)
    thread.start()
    thread.join(timeout=30)
    gc.collect()

    assert len(seen) == 1
    assert seen[0]() is None  # nothing compiled keeps the finished thread's connection alive
