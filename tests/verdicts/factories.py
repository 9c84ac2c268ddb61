from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from episodes.models import Episode
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from verdicts.models import Estimate, EstimateChange


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode
        django_get_or_create = ("season", "number")

    season = 2
    number = factory.Sequence(lambda n: n + 1)


class AiredEpisodeFactory(EpisodeFactory):
    aired_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))


class EstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estimate
        skip_postgeneration_save = True

    theory = factory.SubFactory(TheoryFactory)
    user = factory.SubFactory(UserFactory)
    probability = 50

    @factory.post_generation
    def history(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:  # as verdicts.services.write_estimate keeps it
            EstimateChange.objects.create(
                theory=self.theory, user=self.user, probability=self.probability, at=self.updated
            )
