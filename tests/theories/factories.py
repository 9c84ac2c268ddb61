from __future__ import annotations

from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from discussion.models import Comment, CommentRevision
from quotes.models import Quote, Source, Stance
from tests.accounts.factories import UserFactory
from theories.models import Citation, Theory, TheoryRevision


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    outlet = factory.Sequence(lambda n: f"Outlet {n}")
    title = factory.Sequence(lambda n: f"Interview number {n}")
    language = "en"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = factory.Sequence(lambda n: f"Something the director said, number {n}.")
    speaker = "Lee Jae-gyu"
    source = factory.SubFactory(SourceFactory)
    verified = True


class TheoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theory
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Theory number {n} about season 2")
    body = "A considered argument about what happens next, at some length."
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def revision(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            TheoryRevision.objects.create(
                theory=self, title=self.title, body=self.body, created=self.created
            )


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    theory = factory.SubFactory(TheoryFactory)
    quote = factory.SubFactory(QuoteFactory)
    stance = Stance.SUPPORTS
    note = "It fits."


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


def established_fan(**fields: object) -> User:
    """A fan whose reports weigh toward hiding: past NEW_ACCOUNT_DAYS, with a published comment."""
    joined = timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS + 1)
    fan = UserFactory(date_joined=joined, **fields)
    CommentFactory(author=fan)
    return fan
