from __future__ import annotations

import factory

from characters.models import Character, Relationship, RelationshipKind, Role, Status


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    name = factory.Sequence(lambda n: f"Student Number-{n}")
    hangul_name = "학생"
    slug = factory.Sequence(lambda n: f"student-number-{n}")
    actor = factory.Sequence(lambda n: f"Actor {n}")
    role = Role.STUDENT
    status = Status.HUMAN


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    source = factory.SubFactory(CharacterFactory)
    target = factory.SubFactory(CharacterFactory)
    kind = RelationshipKind.FRIEND
