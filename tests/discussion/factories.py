from __future__ import annotations

import factory

from discussion.models import Comment, CommentRevision
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    theory = factory.SubFactory(TheoryFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")

    @factory.post_generation
    def revision(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            CommentRevision.objects.create(comment=self, body=self.body, created=self.created)
