from __future__ import annotations

import factory

from tests.accounts.factories import UserFactory
from theories.models import Citation, Quote, Source, Stance, Theory, TheoryRevision


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
