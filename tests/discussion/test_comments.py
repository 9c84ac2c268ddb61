"""Discussion under a theory: posting (plain and htmx), replies, edits, deletes, moderation."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from discussion.models import Comment
from discussion.services import post_comment
from moderation import actions
from moderation.models import ContentStatus
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def theory(author: User):
    return TheoryFactory(author=author, title="Nam-ra hears them coming")


@pytest.mark.django_db
def test_a_plain_comment_redirects_to_itself(theory, other_fan: User) -> None:
    response = _client(other_fan).post(
        f"/theories/{theory.pk}/comments/", {"body": "She heard the helicopters."}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == comment.get_absolute_url()
    assert response["Location"].startswith(theory.get_absolute_url() + "?comments_before=")
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.author, comment.body, comment.parent) == (
        other_fan,
        "She heard the helicopters.",
        None,
    )


@pytest.mark.django_db
def test_an_htmx_comment_returns_the_discussion_with_it(theory, other_fan: User) -> None:
    response = _client(other_fan).post(
        f"/theories/{theory.pk}/comments/",
        {"body": "**Good** catch."},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="comments"')
    assert "<strong>Good</strong> catch." in html
    assert (
        '<textarea name="body"' in html
        and "Good** catch" not in html.split("<form")[1].split("</form>")[0]
    )


@pytest.mark.django_db
def test_an_empty_comment_is_refused_with_a_message(theory, other_fan: User) -> None:
    plain = _client(other_fan).post(f"/theories/{theory.pk}/comments/", {"body": " "})
    htmx = _client(other_fan).post(
        f"/theories/{theory.pk}/comments/", {"body": ""}, headers={"HX-Request": "true"}
    )

    assert plain.status_code == 400
    assert "This field is required." in plain.content.decode()
    assert htmx.status_code == 200
    assert "This field is required." in htmx.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_replies_stay_one_level_deep(theory, other_fan: User, author: User) -> None:
    top, _ = post_comment(author=other_fan, theory=theory, body="Top comment.")
    reply, _ = post_comment(author=author, theory=theory, body="A reply.", parent=top)

    deeper, _ = post_comment(
        author=other_fan, theory=theory, body="Reply to the reply.", parent=reply
    )

    assert deeper.parent == top
    html = Client().get(theory.get_absolute_url()).content.decode()
    replies = re.search(r'<ol class="replies">(.*?)</ol>', html, re.S).group(1)
    assert "A reply." in replies and "Reply to the reply." in replies


@pytest.mark.django_db
def test_the_author_edits_a_comment_and_the_old_text_is_kept(theory, other_fan: User) -> None:
    comment, _ = post_comment(author=other_fan, theory=theory, body="First words.")
    client = _client(other_fan)

    client.post(f"/comments/{comment.pk}/edit/", {"body": "Better words."})

    comment.refresh_from_db()
    assert comment.body == "Better words." and comment.edited_at is not None
    assert list(comment.revisions.values_list("body", flat=True)) == [
        "Better words.",
        "First words.",
    ]
    assert "First words." in client.get(f"/comments/{comment.pk}/history/").content.decode()


@pytest.mark.django_db
def test_deleting_leaves_deleted_in_place_so_replies_keep_context(
    theory, other_fan: User, author: User
) -> None:
    top, _ = post_comment(author=other_fan, theory=theory, body="Soon gone.")
    post_comment(author=author, theory=theory, body="Answering it.", parent=top)

    _client(other_fan).post(f"/comments/{top.pk}/delete/")

    html = Client().get(theory.get_absolute_url()).content.decode()
    assert "[deleted]" in html and "Soon gone." not in html
    assert "Answering it." in html
    assert Comment.objects.count() == 2


@pytest.mark.django_db
def test_others_cannot_edit_or_delete_a_comment(theory, other_fan: User, author: User) -> None:
    comment, _ = post_comment(author=other_fan, theory=theory, body="Mine.")
    client = _client(author)

    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "Yours now."}).status_code == 403
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert (comment.body, comment.deleted_at) == ("Mine.", None)


@pytest.mark.django_db
def test_a_removed_comment_shows_as_removed_to_readers_and_with_reason_to_its_author(
    theory,
    other_fan: User,
    moderator: User,
) -> None:
    comment, _ = post_comment(author=other_fan, theory=theory, body="Rude words.")

    actions.remove(items=[comment], moderator=moderator, reason="harassment")

    public = Client().get(theory.get_absolute_url()).content.decode()
    own = _client(other_fan).get(theory.get_absolute_url()).content.decode()
    assert "Rude words." not in public and "[removed by the moderators]" in public
    assert "Rude words." in own and "Removed: harassment" in own


@pytest.mark.django_db
def test_comments_are_reported_and_reach_the_queue(
    theory, other_fan: User, moderator: User
) -> None:
    comment, _ = post_comment(author=other_fan, theory=theory, body="Spoiler: ep 12 ending!")

    _client(UserFactory()).post(f"/comments/{comment.pk}/report/", {"reason": "spoiler"})

    queue = _client(moderator).get("/admin/moderation/")
    assert [e.item for e in queue.context["entries"]] == [comment]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [20, 200])
def test_a_theory_with_many_comments_renders_in_a_fixed_number_of_queries(
    theory,
    django_assert_num_queries: DjangoAssertNumQueries,
    settings: Settings,
    count: int,
) -> None:
    settings.COMMENTS_PER_PAGE = 150
    fans = UserFactory.create_batch(5)
    tops = [
        Comment.objects.create(theory=theory, author=fans[n % 5], body=f"Comment {n}")
        for n in range(count // 2)
    ]
    for n in range(count - len(tops)):
        Comment.objects.create(
            theory=theory, author=fans[n % 5], body=f"Reply {n}", parent=tops[n % len(tops)]
        )

    # 1. theory  2. characters  3. citations  4. estimates  5. a page of thread starters with
    # their authors and spoiler episodes  6. all their replies, likewise
    with django_assert_num_queries(6):
        response = Client().get(theory.get_absolute_url())

    assert response.content.decode().count('class="comment"') == count


@pytest.mark.django_db
def test_a_long_discussion_comes_in_pages_newest_first_with_replies_attached(
    theory, other_fan: User, settings: Settings
) -> None:
    settings.COMMENTS_PER_PAGE = 3
    tops = [
        Comment.objects.create(theory=theory, author=other_fan, body=f"Top {n}") for n in range(7)
    ]
    Comment.objects.create(theory=theory, author=other_fan, body="Reply to 1", parent=tops[1])
    client = Client()

    def page(url: str, **headers: str) -> tuple[list[str], str]:
        html = client.get(url, headers=headers).content.decode()
        bodies = re.findall(r"<p>((?:Top|Reply to) \d)</p>", html)
        found = re.search(r'hx-get="(\?comments_before=[^"]+)"', html)
        return bodies, (found.group(1).replace("&amp;", "&") if found else "")

    first, after_first = page(theory.get_absolute_url())
    second, after_second = page(theory.get_absolute_url() + after_first, **{"HX-Request": "true"})
    third, after_third = page(theory.get_absolute_url() + after_second)

    assert first == ["Top 6", "Top 5", "Top 4"]
    assert second == ["Top 3", "Top 2", "Top 1", "Reply to 1"]
    assert third == ["Top 0"] and after_third == ""
    fragment = client.get(theory.get_absolute_url() + after_first, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()


@pytest.mark.django_db
def test_commenting_notifies_the_theory_author_and_the_replied_fan(
    theory, author: User, other_fan: User
) -> None:
    top, _ = post_comment(author=other_fan, theory=theory, body="First!")
    third = UserFactory(username="third")
    post_comment(author=third, theory=theory, body="Answer.", parent=top)

    author.refresh_from_db()
    other_fan.refresh_from_db()
    assert author.unread_notifications == 2  # both comments are on their theory
    assert other_fan.unread_notifications == 1
    assert Notification.objects.filter(recipient=other_fan, kind="reply").exists()


@pytest.mark.django_db
def test_a_pending_theory_takes_no_comments(author: User, other_fan: User) -> None:
    pending = TheoryFactory(author=author, status=ContentStatus.PENDING)

    response = _client(other_fan).post(f"/theories/{pending.pk}/comments/", {"body": "Hello"})

    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_comment_link_opens_the_page_that_holds_its_thread(
    theory, other_fan: User, settings: Settings
) -> None:
    settings.COMMENTS_PER_PAGE = 2
    old = Comment.objects.create(theory=theory, author=other_fan, body="The oldest thread")
    reply = Comment.objects.create(theory=theory, author=other_fan, body="A reply", parent=old)
    for n in range(4):
        Comment.objects.create(theory=theory, author=other_fan, body=f"Newer {n}")

    html = Client().get(reply.get_absolute_url()).content.decode()

    assert f'id="comment-{reply.pk}"' in html and f'id="comment-{old.pk}"' in html
