"""Posting, reading, editing and deleting theories, as the named actors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import CitationFactory, TheoryFactory
from theories.models import Citation, Theory, TheoryRevision


def _post_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Nam-ra leads the immortals in season 2",
        "body": "She told the others there are more like her. She will find them first.",
        "citations-TOTAL_FORMS": "3",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "10",
    }
    data.update(overrides)
    return data


# --- posting ----------------------------------------------------------------


@pytest.mark.django_db
def test_posting_a_theory_with_a_supporting_quote(author_client: Client, author: User) -> None:
    quote = QuoteFactory()

    response = author_client.post(
        "/theories/new/",
        _post_data(
            **{
                "citations-0-quote": str(quote.pk),
                "citations-0-stance": "supports",
                "citations-0-note": "He says there are more.",
            }
        ),
    )

    theory = Theory.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/theories/{theory.pk}/nam-ra-leads-the-immortals-in-season-2/"
    assert theory.author == author
    citation = Citation.objects.get()
    assert (citation.quote, citation.stance, citation.note) == (
        quote,
        "supports",
        "He says there are more.",
    )
    assert TheoryRevision.objects.filter(theory=theory).count() == 1


@pytest.mark.django_db
def test_a_double_submit_posts_one_theory(author_client: Client) -> None:
    first = author_client.post("/theories/new/", _post_data())
    second = author_client.post("/theories/new/", _post_data())

    assert Theory.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.django_db
def test_an_invalid_theory_rerenders_with_errors_and_keeps_the_text(author_client: Client) -> None:
    quote = QuoteFactory()
    response = author_client.post(
        "/theories/new/",
        _post_data(title="Short", **{"citations-0-quote": str(quote.pk)}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    citation_errors = response.context["formset"].forms[0].errors
    assert citation_errors["stance"] and citation_errors["note"]
    html = response.content.decode()
    assert "She told the others there are more like her." in html  # nothing lost
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_citing_the_same_quote_twice_is_refused(author_client: Client) -> None:
    quote = QuoteFactory()
    row = {"quote": str(quote.pk), "stance": "supports", "note": "Yes."}
    data = _post_data(
        **{f"citations-{i}-{k}": v for i in (0, 1) for k, v in row.items()},
    )

    response = author_client.post("/theories/new/", data)

    assert response.status_code == 200
    assert "already cited above" in response.content.decode()
    assert not Theory.objects.exists()


def test_posting_needs_a_signed_in_fan(client: Client) -> None:
    response = client.get("/theories/new/")

    assert response["Location"] == "/accounts/login/?next=/theories/new/"


# --- reading ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_wrong_slug_redirects_to_the_right_one(client: Client) -> None:
    theory = TheoryFactory(title="Cheong-san is alive")

    response = client.get(f"/theories/{theory.pk}/some-old-title/")

    assert response.status_code == 301
    assert response["Location"] == f"/theories/{theory.pk}/cheong-san-is-alive/"


@pytest.mark.django_db
def test_a_theory_without_a_quote_is_labelled_no_source_yet(client: Client) -> None:
    theory = TheoryFactory()

    assert "No source yet" in client.get(theory.get_absolute_url()).content.decode()
    assert "No source yet" in client.get("/theories/").content.decode()


@pytest.mark.django_db
def test_citations_are_split_into_supports_and_contradicts(client: Client) -> None:
    theory = TheoryFactory()
    CitationFactory(theory=theory, stance="supports", note="Backs it.")
    CitationFactory(theory=theory, stance="contradicts", note="Undercuts it.")

    html = client.get(theory.get_absolute_url()).content.decode()

    supports = html.index("Supports it")
    contradicts = html.index("Contradicts it")
    assert supports < html.index("Backs it.") < contradicts < html.index("Undercuts it.")
    assert "No source yet" not in html


@pytest.mark.django_db
def test_a_spoiler_is_hidden_until_the_reader_asks_even_without_javascript(client: Client) -> None:
    theory = TheoryFactory(spoiler=True, body="Su-hyeok turns in episode 3.")

    html = client.get(theory.get_absolute_url()).content.decode()

    details = re.search(r'<details class="spoiler">(.*?)</details>', html, re.S)
    assert details is not None
    assert "Su-hyeok turns in episode 3." in details.group(1)
    assert '<details class="spoiler" open' not in html


@pytest.mark.django_db
def test_a_hostile_body_renders_as_harmless_text(client: Client) -> None:
    theory = TheoryFactory(
        body=(
            "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[click me](javascript:alert(document.cookie))\n\n"
            '<a href="https://evil.example" onclick="steal()">raw link</a> '
            '<iframe src="//x"></iframe>'
        )
    )

    html = client.get(theory.get_absolute_url()).content.decode()
    body = re.search(r'<div class="prose">(.*?)</div>', html, re.S).group(1)

    assert "<script" not in body
    assert "<img" not in body
    assert "<iframe" not in body
    assert '<a href="https://evil.example"' not in body
    assert not re.search(r"<[^>]+\son\w+\s*=", body)
    assert 'href="javascript:' not in body
    assert "&lt;script&gt;" in body  # shown, not run


# --- editing and deleting ---------------------------------------------------


@pytest.mark.django_db
def test_the_author_edits_and_the_old_text_is_kept(author_client: Client, author: User) -> None:
    theory = TheoryFactory(
        author=author, title="First title for this", body="The first version of the text."
    )

    response = author_client.post(
        f"/theories/{theory.pk}/edit/",
        _post_data(title="Better title for this", body="The second, improved version of it."),
    )

    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.title == "Better title for this"
    assert theory.edited_at is not None
    assert list(theory.revisions.values_list("body", flat=True)) == [
        "The second, improved version of it.",
        "The first version of the text.",
    ]
    page = author_client.get(theory.get_absolute_url()).content.decode()
    assert f'href="/theories/{theory.pk}/history/">edited' in page
    history = author_client.get(f"/theories/{theory.pk}/history/").content.decode()
    assert "The first version of the text." in history
    assert "The second, improved version of it." in history


@pytest.mark.django_db
def test_the_edit_form_starts_from_the_current_theory(author_client: Client, author: User) -> None:
    theory = TheoryFactory(author=author)
    CitationFactory(theory=theory, note="Existing note.")

    response = author_client.get(f"/theories/{theory.pk}/edit/")

    html = response.content.decode()
    assert theory.title in html
    assert 'value="Existing note."' in html


@pytest.mark.django_db
def test_another_fan_cannot_edit_or_delete_by_guessing_the_id(
    other_fan: User, author: User
) -> None:
    theory = TheoryFactory(author=author, title="Untouched title here")
    client = Client()
    client.force_login(other_fan)

    assert client.get(f"/theories/{theory.pk}/edit/").status_code == 403
    assert client.post(f"/theories/{theory.pk}/edit/", _post_data()).status_code == 403
    assert client.post(f"/theories/{theory.pk}/delete/").status_code == 403
    theory.refresh_from_db()
    assert (theory.title, theory.deleted_at) == ("Untouched title here", None)


@pytest.mark.django_db
def test_deleting_is_soft_public_pages_lose_it_moderators_still_see_it(
    author_client: Client, author: User, moderator: User, client: Client
) -> None:
    theory = TheoryFactory(author=author, title="Soon to be gone")

    response = author_client.post(f"/theories/{theory.pk}/delete/")

    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.deleted_at is not None
    assert client.get(theory.get_absolute_url()).status_code == 404
    assert "Soon to be gone" not in client.get("/theories/").content.decode()
    mod = Client()
    mod.force_login(moderator)
    page = mod.get(theory.get_absolute_url())
    assert page.status_code == 200
    assert "The author deleted this theory" in page.content.decode()


@pytest.mark.django_db
def test_the_delete_page_asks_first(author_client: Client, author: User) -> None:
    theory = TheoryFactory(author=author)

    response = author_client.get(f"/theories/{theory.pk}/delete/")

    assert response.status_code == 200
    assert "Delete your theory?" in response.content.decode()
    theory.refresh_from_db()
    assert theory.deleted_at is None


@pytest.mark.django_db
def test_a_title_that_looks_like_an_action_gets_a_safe_slug(author: User) -> None:
    theory = TheoryFactory(author=author, title="Edit")

    assert theory.slug == "edit-theory"
