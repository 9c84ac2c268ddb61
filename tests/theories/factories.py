from __future__ import annotations

import factory

from quotes.models import Stance
from tests.accounts.factories import UserFactory
from tests.quotes.factories import QuoteFactory
from theories.models import Citation, Theory, TheoryRevision


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
