"""The public log never republishes what was removed; personal information is redacted."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from accounts.models import User
from discussion.models import Comment
from discussion.services import edit_comment, post_comment
from moderation import actions
from moderation.models import REDACTED_TEXT, ActionKind, ModerationAction
from notifications.models import Notification
from quotes.models import Quote
from tests.accounts.factories import UserFactory
from tests.discussion.factories import CommentFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory
from tests.theories.test_theory_pages import _post_data
from theories.models import Theory

DOXXING = (
    "Min-jun lives at 12 Hyosan-ro 3-gil, flat 402, and his number is 010-2345-6789. "
    "Go and tell him what you think."
)

SCRUB_MIGRATION = ("theories", "0014_scrub_public_log")
scrub_public_log = importlib.import_module(
    "theories.migrations.0014_scrub_public_log"
).scrub_public_log


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_comment_removed_for_harassment_never_appears_on_the_modlog(
    anonymous: Client, moderator: User
) -> None:
    comment = CommentFactory(body=DOXXING)
    actions.hide(items=[comment], moderator=moderator, reason="spam")
    actions.remove(items=[comment], moderator=moderator, reason="harassment")

    html = anonymous.get("/modlog/").content.decode()

    assert "Hyosan-ro" not in html and "010-2345-6789" not in html
    assert str(comment)[:57] not in html and DOXXING[:57] not in html
    assert html.count("<td>A comment</td>") == 2
    assert "Harassment" in html and "Removed" in html
    assert set(ModerationAction.objects.values_list("target_title", flat=True)) == {""}


@pytest.mark.django_db
def test_a_theory_removed_for_harassment_is_only_a_theory_on_the_log(
    anonymous: Client, moderator: User
) -> None:
    theory = TheoryFactory(title="Nam-ra's actor is a fraud, see her address")
    spam = TheoryFactory(title="Cheap followers, plainly spam")
    actions.hide(items=[theory], moderator=moderator, reason="spam")
    actions.remove(items=[theory, spam], moderator=moderator, reason="harassment")
    other = TheoryFactory(title="A duplicate of the Cheong-san theory")
    quote = QuoteFactory(text="Words the director never said about anyone.", speaker="Kim Nam")
    actions.remove(items=[other, quote], moderator=moderator, reason="duplicate")

    html = anonymous.get("/modlog/").content.decode()

    assert "fraud" not in html and "Cheap followers" not in html
    assert html.count("<td>A theory</td>") == 3
    assert "Theory: A duplicate of the Cheong-san theory" in html  # a public title, kept
    assert "Quote: said by Kim Nam" in html
    assert "Words the director never said" not in html


@pytest.mark.django_db
def test_the_migration_scrubs_rows_already_written() -> None:
    def logged(item: object, title: str, reason: str = "") -> ModerationAction:
        return ModerationAction.objects.create(
            kind=ActionKind.REMOVE,
            target_type=ContentType.objects.get_for_model(item),
            target_id=item.pk,
            target_title=title,
            reason=reason,
        )

    comment = CommentFactory(body=DOXXING)
    harassing = TheoryFactory(title="Where the actor lives")
    kept = TheoryFactory(title="A fine theory, removed as a duplicate")
    quote = QuoteFactory(text="Hateful words.", speaker="Someone")
    old_comment = logged(comment, f"Comment: {comment}", "spam")
    earlier = logged(harassing, "Where the actor lives", "spam")
    removal = logged(harassing, "Where the actor lives", "harassment")
    duplicate = logged(kept, "A fine theory, removed as a duplicate", "duplicate")
    old_quote = logged(quote, str(quote), "spam")

    # The database as the migration met it: comments and quotes were models of theories.
    ContentType.objects.filter(model__in=["comment", "quote"]).update(app_label="theories")
    scrub_public_log(MigrationLoader(connection).project_state(SCRUB_MIGRATION).apps, None)
    ContentType.objects.filter(model="comment").update(app_label="discussion")
    ContentType.objects.filter(model="quote").update(app_label="quotes")
    ContentType.objects.clear_cache()

    titles = dict(ModerationAction.objects.values_list("pk", "target_title"))
    assert titles == {
        old_comment.pk: "",
        earlier.pk: "",
        removal.pk: "",
        duplicate.pk: "A fine theory, removed as a duplicate",
        old_quote.pk: "said by Someone",
    }


@pytest.mark.django_db
def test_a_theory_removed_for_personal_information_is_redacted_for_fans_not_staff(
    author: User, moderator: User, anonymous: Client
) -> None:
    commenter, replier = UserFactory(), UserFactory()
    theory = TheoryFactory(author=author, title="Min-jun, 010-2345-6789", body=DOXXING)
    comment, _ = post_comment(author=commenter, theory=theory, body="Is this true?")
    post_comment(author=replier, theory=theory, body="Call him!", parent=comment)
    assert "010-2345-6789" in Notification.objects.get(recipient=commenter).text

    actions.remove(items=[theory], moderator=moderator, reason="personal_info")

    for fan in (author, commenter):
        notices = _signed_in(fan).get("/notifications/").content.decode()
        assert "010-2345-6789" not in notices and REDACTED_TEXT in notices
    assert "010-2345-6789" not in "".join(Notification.objects.values_list("text", flat=True))
    history = f"/theories/{theory.pk}/history/"
    for_author = _signed_in(author).get(history).content.decode()
    assert "Hyosan-ro" not in for_author and REDACTED_TEXT in for_author
    assert "Hyosan-ro" in _signed_in(moderator).get(history).content.decode()

    # The author takes the details out and a moderator puts it back: the public history
    # starts from the clean version, the old ones stay redacted.
    edited = _signed_in(author).post(
        f"/theories/{theory.pk}/edit/",
        _post_data(title="Min-jun's story", body="Without the details, as asked."),
    )
    assert edited.status_code == 302
    actions.restore(items=[Theory.objects.get(pk=theory.pk)], moderator=moderator)
    public = anonymous.get(history)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Without the details, as asked." in html
    assert "Hyosan-ro" not in html and "010-2345-6789" not in html
    assert html.count(REDACTED_TEXT) >= 1


@pytest.mark.django_db
def test_a_comment_removed_for_personal_information_is_redacted_for_fans_not_staff(
    moderator: User, other_fan: User
) -> None:
    comment, _ = post_comment(
        author=other_fan, theory=TheoryFactory(), body="Nothing to see here, friends."
    )
    edit_comment(comment=comment, body=DOXXING)

    actions.remove(items=[comment], moderator=moderator, reason="personal_info")

    history = f"/comments/{comment.pk}/history/"
    for_author = _signed_in(other_fan).get(history).content.decode()
    assert "Hyosan-ro" not in for_author and for_author.count(REDACTED_TEXT) == 2
    assert "Hyosan-ro" in _signed_in(moderator).get(history).content.decode()
    removal = Notification.objects.get(recipient=other_fan, kind="removed")
    assert "Hyosan-ro" not in removal.text
    assert removal.text == "A moderator removed your comment. Reason: personal information."
    assert Comment.objects.get(pk=comment.pk).body == DOXXING  # kept for moderators


@pytest.mark.django_db
def test_removals_for_other_reasons_redact_nothing(author: User, moderator: User) -> None:
    theory = TheoryFactory(author=author, body=DOXXING)
    quote = QuoteFactory()

    actions.remove(items=[theory], moderator=moderator, reason="spam")
    actions.remove(items=[quote], moderator=moderator, reason="personal_info")

    assert not theory.revisions.filter(redacted=True).exists()
    assert "Hyosan-ro" in _signed_in(author).get(f"/theories/{theory.pk}/history/").content.decode()
    assert Quote.objects.get(pk=quote.pk).status == "removed"
