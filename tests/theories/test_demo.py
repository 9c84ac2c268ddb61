from __future__ import annotations

import pytest
from django.core.management import call_command
from pytest_django import Settings

from discussion.models import Comment
from quotes.models import Quote
from theories.models import Citation, Theory

HERALD = (
    "If the first season can be seen as having presented humanity's survival, the next season "
    "can talk about the survival of zombies. I hope to present viewers with another season."
)


@pytest.mark.django_db
def test_the_demo_has_the_three_facts_quotes_verbatim_and_six_cited_theories(
    settings: Settings,
) -> None:
    settings.DEBUG = True

    call_command("load_demo", stdout=None)

    quotes = list(Quote.objects.select_related("source"))
    assert len(quotes) == 3
    assert all(q.verified and q.speaker == "Lee Jae-gyu" for q in quotes)
    herald = Quote.objects.get(source__outlet="The Korea Herald")
    assert herald.text == HERALD
    assert "The Korean Herald" in herald.source.reported_via
    open_theories = Theory.objects.published().filter(outcome="open")
    assert open_theories.count() == 6
    # Two of them, and some comments, come from fans who write in Korean.
    korean = open_theories.filter(language="ko")
    assert korean.count() == 2
    assert all(theory.slug != "theory" and theory.author.display_name for theory in korean)
    assert Comment.objects.filter(language="ko").count() >= 2
    assert Comment.objects.filter(language="en").exists()
    for theory in open_theories:
        assert Citation.objects.filter(theory=theory).exists()
        assert theory.revisions.count() == 1
    assert Theory.objects.filter(score__gt=0).count() >= 3
