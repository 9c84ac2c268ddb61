from __future__ import annotations

import factory

from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from verdicts.models import Estimate, EstimateChange


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
