from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from episodes.models import Episode


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode
        django_get_or_create = ("season", "number")

    season = 2
    number = factory.Sequence(lambda n: n + 1)


class AiredEpisodeFactory(EpisodeFactory):
    aired_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
