from __future__ import annotations

import factory

from quotes.models import Quote, Source


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
