from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts import limits
from accounts.addresses import client_address
from accounts.models import User
from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, safe_next, wants_fragment
from characters.models import Character
from discussion.models import Comment
from episodes import spoilers
from moderation import reporting
from moderation.models import PUBLIC_ACTIONS, REDACTED_TEXT, ContentStatus, ModerationAction
from notifications.models import Notification
from notifications.services import mark_all_read
from quotes.models import Quote
from theories import cards, search, threads
from theories.forms import (
    CitationFormSet,
    CommentForm,
    ProfileReportForm,
    QuoteFilterForm,
    QuoteSuggestForm,
    ReportForm,
    SearchForm,
    TheoryForm,
    citation_initial,
)
from theories.models import (
    SORT_KEYS,
    Citation,
    Outcome,
    Period,
    Sort,
    Stance,
    Theory,
    TheoryQuerySet,
)
from theories.services import (
    CommentRefused,
    DailyLimitReached,
    NotOpenForVotes,
    TheoryLocked,
    VoteRefused,
    cast_vote,
    create_theory,
    delete_comment,
    delete_theory,
    edit_comment,
    edit_theory,
    post_comment,
    suggest_quote,
)
from verdicts import context as predictions
from verdicts.forms import EstimateForm

# --- helpers ----------------------------------------------------------------


def _readable_theory(request: HtmxHttpRequest, pk: int) -> Theory:
    """The theory if this reader may see it: live ones for all, others for author and staff."""
    theory = get_object_or_404(
        Theory.objects.select_related("author", "decided_by", "episode").with_vote_of(request.user),
        pk=pk,
    )
    user = request.user
    if theory.is_live or user.is_staff:
        return theory
    if user.is_authenticated and theory.author_id == user.pk and theory.deleted_at is None:
        return theory
    raise Http404("No such theory.")


def _own_theory(request: HtmxHttpRequest, pk: int) -> Theory:
    theory = get_object_or_404(Theory, pk=pk, deleted_at__isnull=True)
    if theory.author_id != request.user.pk:
        raise PermissionDenied("Only the author can change this theory.")
    return theory


# `?status=`: what season 2 made of the theories shown.
OUTCOME_FILTERS = {
    "open": "Open",
    "resolved": "Any verdict",
    **{value: label for value, label in Outcome.choices if value != Outcome.OPEN},
}

# --- keyset pagination ------------------------------------------------------


def _cursor_value(sort: str, theory: Theory) -> str:
    value = getattr(theory, SORT_KEYS[Sort(sort)])
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return f"{text}~{theory.pk}"


def _parse_cursor(sort: str, cursor: str) -> tuple[Any, int] | None:
    text, _, pk = cursor.rpartition("~")
    try:
        if sort == Sort.NEW:
            value: Any = datetime.fromisoformat(text)
        elif sort == Sort.TOP:
            value = int(text)
        else:
            value = float(text)
        return value, int(pk)
    except ValueError:
        return None


# --- theories ---------------------------------------------------------------


def _ranked_page(
    *,
    sort: str,
    period: str,
    character: Character | None,
    outcome: str,
    cursor: tuple[Any, int] | None,
    watched: spoilers.Watched,
) -> tuple[list[Theory], bool]:
    """One page of the list and whether more follow."""
    theories: TheoryQuerySet = (
        Theory.objects.published()
        .about(character.slug if character else None)
        .with_outcome(outcome or None)
        .within(period)
        .ranked(sort)
        .for_cards()
    )
    if outcome not in ("", "open"):
        # Listing a theory under its verdict would tell a reader who has not seen the episode.
        theories = theories.exclude(watched.later_q("decided_by"))
    if cursor is not None:
        theories = theories.after(sort, *cursor)
    page_size = settings.THEORIES_PER_PAGE
    page = list(theories[: page_size + 1])
    return page[:page_size], len(page) > page_size


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def theory_list(request: HtmxHttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", Sort.HOT)
    if sort not in Sort.values:
        sort = Sort.HOT
    period = request.GET.get("t", Period.ALL)
    if sort != Sort.TOP or period not in Period.values:
        period = Period.ALL
    character_slug = request.GET.get("character", "")
    outcome = request.GET.get("status", "")
    if outcome not in OUTCOME_FILTERS:
        outcome = ""
    cursor = _parse_cursor(sort, request.GET.get("after", ""))
    characters = list(Character.objects.only("name", "slug").order_by("name"))
    character = next((c for c in characters if c.slug == character_slug), None)
    page, has_next = _ranked_page(
        sort=sort,
        period=period,
        character=character,
        outcome=outcome,
        cursor=cursor,
        watched=spoilers.for_request(request),
    )
    cards.attach(page, user=request.user)

    base_query = {"sort": sort}
    if sort == Sort.TOP:
        base_query["t"] = period
    if character:
        base_query["character"] = character.slug
    if outcome:
        base_query["status"] = outcome
    next_url = ""
    if has_next:
        next_url = "?" + urlencode({**base_query, "after": _cursor_value(sort, page[-1])})

    context = {
        "theories": page,
        "sort": sort,
        "period": period,
        "sorts": Sort.choices,
        "periods": Period.choices,
        "characters": characters,
        "character": character,
        "next_url": next_url,
        "is_continuation": cursor is not None,
        "outcome": outcome,
        "outcomes": OUTCOME_FILTERS.items(),
        # Kept on the sort and period links: the filters chosen below them.
        "filter_query": "".join(
            f"&{key}={value}" for key, value in base_query.items() if key in ("character", "status")
        ),
    }
    template = "theories/list.html"
    if wants_fragment(request) and cursor is not None:
        template += "#page"
    return render(request, template, context)


def render_theory(
    request: HtmxHttpRequest,
    theory: Theory,
    *,
    comment_form: CommentForm | None = None,
    estimate_form: EstimateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The theory page; for an htmx request from one of its forms, only that form's part."""
    citations = list(
        Citation.objects.filter(theory=theory).select_related("quote__source").order_by("pk")
    )
    comments, comments_next = threads.page(request, theory)
    template = "theories/detail.html"
    if request.htmx and comment_form is not None:
        template += "#comments"
    elif request.htmx and estimate_form is not None:
        template += "#predictions"
    elif wants_fragment(request) and "comments_before" in request.GET:
        template += "#comment_page"
    return render(
        request,
        template,
        {
            "theory": theory,
            "characters": list(theory.characters.only("name", "slug", "status")),
            "supporting": [c for c in citations if c.stance == Stance.SUPPORTS],
            "contradicting": [c for c in citations if c.stance == Stance.CONTRADICTS],
            "comments": comments,
            "comments_next": comments_next,
            "comment_form": comment_form or CommentForm(),
            "reveal_spoilers": getattr(request.user, "spoiler_preference", "ask") == "show",
            "predictions": predictions.for_theory(theory, request.user, estimate_form),
            # Permissions cost two queries; only staff can have this one.
            "can_give_verdict": request.user.is_staff
            and request.user.has_perm("verdicts.add_verdict"),
        },
        status=status,
    )


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers(carries=lambda pk, **_: [f"theory:{pk}", "characters"])
def theory_detail(request: HtmxHttpRequest, pk: int, slug: str) -> HttpResponse:
    theory = _readable_theory(request, pk)
    if slug != theory.slug:
        return redirect(theory, permanent=True)
    return render_theory(request, theory)


# A history page lists this many versions, newest first (each may be 20 000 characters).
REVISIONS_PER_PAGE = 20


@require_safe
def theory_short(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A theory's address without its slug (shared by hand): to the canonical one."""
    return redirect(_readable_theory(request, pk), permanent=True)


@require_safe
def theory_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = _readable_theory(request, pk)
    page = Paginator(theory.revisions.all(), REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "theories/history.html",
        {"theory": theory, "page": page, "redacted_text": REDACTED_TEXT},
    )


def _theory_form_page(
    request: HtmxHttpRequest, *, theory: Theory | None
) -> tuple[TheoryForm, Any] | HttpResponse:
    if request.method == "POST":
        form = TheoryForm(request.POST)
        formset = CitationFormSet(request.POST, prefix="citations")
        action = "theory" if theory is None else "edit"
        if limits.refuse(request.user, action, form):
            return render(
                request,
                "theories/form.html",
                {"form": form, "formset": formset, "theory": theory},
                status=429,
            )
        if form.is_valid() and formset.is_valid():
            fields = {
                "title": form.cleaned_data["title"],
                "body": form.cleaned_data["body"],
                "spoiler": form.cleaned_data["spoiler"],
                "characters": list(form.cleaned_data["characters"]),
                "citations": formset.citations(),
                "episode": form.cleaned_data["episode"],
                "confidence": form.cleaned_data["confidence"],
            }
            if theory is None:
                saved, created = create_theory(author=request.user, **fields)
                if created:
                    limits.count(request.user, "theory")
                if saved.status == ContentStatus.PENDING:
                    messages.info(
                        request,
                        "Your theory is saved and waits for a moderator: a new member's first "
                        "theories are checked before they go public. "
                        "Only you can see it meanwhile.",
                    )
                else:
                    messages.success(request, "Your theory is posted.")
            else:
                try:
                    saved = edit_theory(theory=theory, **fields)
                except TheoryLocked as refusal:
                    messages.error(request, str(refusal))
                    return redirect(theory)
                limits.count(request.user, "edit")
                messages.success(request, "Your changes are saved.")
            return redirect(saved)
    elif theory is None:
        form = TheoryForm()
        formset = CitationFormSet(prefix="citations")
    else:
        form = TheoryForm(
            initial={
                "title": theory.title,
                "body": theory.body,
                "spoiler": theory.spoiler,
                "characters": list(theory.characters.all()),
                "episode": theory.episode_id,
                "confidence": theory.estimates.filter(user=theory.author_id)
                .values_list("probability", flat=True)
                .first(),
            }
        )
        formset = CitationFormSet(prefix="citations", initial=citation_initial(theory))
    return form, formset


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theory_create(request: HtmxHttpRequest) -> HttpResponse:
    result = _theory_form_page(request, theory=None)
    if isinstance(result, HttpResponse):
        return result
    form, formset = result
    return render(request, "theories/form.html", {"form": form, "formset": formset, "theory": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theory_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = _own_theory(request, pk)
    if theory.is_locked or theory.is_resolved:
        messages.error(
            request,
            "This theory is locked: the episode that decides it has aired, so the "
            "text that is judged stays as it was.",
        )
        return redirect(theory)
    result = _theory_form_page(request, theory=theory)
    if isinstance(result, HttpResponse):
        return result
    form, formset = result
    return render(
        request, "theories/form.html", {"form": form, "formset": formset, "theory": theory}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theory_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = _own_theory(request, pk)
    if theory.is_locked or theory.is_resolved:
        # Fans' predictions on it are part of their records; deleting would erase them.
        messages.error(request, "This theory is locked: a judged theory stays on the record.")
        return redirect(theory)
    if request.method == "POST":
        delete_theory(theory=theory)
        messages.success(request, f"“{theory.title}” is deleted.")
        return redirect("theory_list")
    return render(request, "theories/confirm_delete.html", {"theory": theory})


def _votes_limited(request: HtmxHttpRequest, text: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(text, status=429, content_type="text/plain")
    back = safe_next(request, reverse("theory_list"))
    return render(request, "theories/limited.html", {"text": text, "back": back}, status=429)


@require_POST
def theory_vote(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        theory = get_object_or_404(Theory.objects.published(), pk=pk)
        back = safe_next(request, theory.get_absolute_url())
        login = f"{reverse('login')}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login) if request.htmx else redirect(login)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 0
    if value not in (1, -1):
        return HttpResponseBadRequest("A vote's value must be 1 or -1.", content_type="text/plain")
    # The theory is read once, locked, inside cast_vote: a vote is the hottest write path.
    try:
        result = cast_vote(user=request.user, theory_id=pk, value=value, within_daily_limit=True)
    except (Theory.DoesNotExist, NotOpenForVotes):
        raise Http404("No such theory.") from None
    except DailyLimitReached as limited:
        return _votes_limited(request, str(limited))
    except VoteRefused as refusal:
        if request.htmx:
            return HttpResponse(str(refusal), status=403, content_type="text/plain")
        messages.error(request, str(refusal))
        return redirect(safe_next(request, refusal.theory.get_absolute_url()))
    back = safe_next(request) or result.theory.get_absolute_url()
    if request.htmx:
        theory = result.theory
        theory.my_vote = result.my_vote
        return render(request, "theories/vote.html", {"theory": theory, "next": back})
    return redirect(back)


# --- quotes -----------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def quote_list(request: HtmxHttpRequest) -> HttpResponse:
    characters = list(Character.objects.only("name", "slug").order_by("name"))
    speakers = list(
        Quote.objects.published().order_by("speaker").values_list("speaker", flat=True).distinct()
    )
    filters = QuoteFilterForm(request.GET or None, speakers=speakers, characters=characters)
    speaker = character = ""
    if filters.is_valid():
        speaker = filters.cleaned_data["speaker"]
        character = filters.cleaned_data["character"]
    quotes = Quote.objects.published().by_speaker(speaker).concerning(character).for_list()
    page = Paginator(quotes, 30).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("speaker", speaker), ("character", character)) if v})
    template = "theories/quote_list.html"
    if wants_fragment(request):
        template += "#results"
    return render(
        request,
        template,
        {"filters": filters, "page": page, "query": query, "filtered": bool(speaker or character)},
    )


@require_safe
@pagecache.for_readers(carries=lambda pk: [f"quote:{pk}"])
def quote_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(
        Quote.objects.visible_to(request.user).select_related("source"), pk=pk
    )
    citations = list(
        Citation.objects.filter(
            quote=quote, theory__status="published", theory__deleted_at__isnull=True
        )
        .select_related("theory__author", "theory__episode")
        .order_by("-theory__score", "-theory__pk")
    )
    return render(
        request,
        "theories/quote_detail.html",
        {
            "quote": quote,
            "characters": list(quote.characters.only("name", "slug")),
            "supporting": [c for c in citations if c.stance == Stance.SUPPORTS],
            "contradicting": [c for c in citations if c.stance == Stance.CONTRADICTS],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quote_create(request: HtmxHttpRequest) -> HttpResponse:
    form = QuoteSuggestForm(request.POST or None)
    if request.method == "POST" and limits.refuse(request.user, "quote", form):
        return render(request, "theories/quote_form.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        quote = suggest_quote(
            user=request.user,
            text=data["text"],
            speaker=data["speaker"],
            original_text=data["original_text"],
            characters=list(data["characters"]),
            outlet=data["outlet"],
            title=data["title"],
            url=data["url"],
            published_on=data["published_on"],
            language=data["language"],
        )
        limits.count(request.user, "quote")
        if quote.status == ContentStatus.PENDING:
            messages.info(
                request,
                "Thank you! The quote waits for a moderator before it appears in the library.",
            )
        else:
            messages.success(
                request,
                "Thank you! The quote is saved. It shows as unverified until a moderator "
                "checks it.",
            )
        return redirect(quote)
    return render(request, "theories/quote_form.html", {"form": form})


# --- reports and the public log ---------------------------------------------


def _report_page(
    request: HtmxHttpRequest,
    item: Theory | Quote | Comment | User,
    back: str,
    *,
    what: str = "",
    form_class: type[ReportForm] = ReportForm,
) -> HttpResponse:
    if reporting.contributed_by(item, request.user):
        raise PermissionDenied("You cannot report your own contribution.")
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and limits.refuse(request.user, "report", form):
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            reporting.report(
                reporter=request.user,
                item=item,
                reason=form.cleaned_data["reason"],
                address=client_address(request),
                note=form.cleaned_data["note"],
            )
        except reporting.AlreadyReported as refusal:
            messages.info(request, str(refusal))
            return redirect(back)
        limits.count(request.user, "report")
        messages.success(request, "Thank you. The moderators will look at it.")
        return redirect(back)
    return render(
        request,
        "theories/report.html",
        {
            "form": form,
            "what": what or f"“{item.moderation_title}”",
            "profile": isinstance(item, User),
            "back": back,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theory_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = get_object_or_404(Theory.objects.published(), pk=pk)
    return _report_page(request, theory, theory.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quote_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.published(), pk=pk)
    return _report_page(request, quote, quote.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_report(request: HtmxHttpRequest, username: str) -> HttpResponse:
    """Report a fan's name, bio or avatar. Such reports only queue the profile: nothing hides
    it before a moderator looks."""
    fan = get_object_or_404(User, username=username, is_active=True)
    return _report_page(
        request,
        fan,
        fan.get_absolute_url(),
        what=f"the profile of {fan.username}",
        form_class=ProfileReportForm,
    )


@require_safe
@pagecache.for_readers
def modlog(request: HtmxHttpRequest) -> HttpResponse:
    actions = (
        ModerationAction.objects.filter(kind__in=PUBLIC_ACTIONS)
        .select_related("target_type", "moderator")
        .order_by("-created", "-pk")
    )
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "theories/modlog.html",
        {"page": page, "show_moderators": settings.MODLOG_SHOWS_MODERATORS},
    )


# --- comments ---------------------------------------------------------------


@login_required
@require_POST
def comment_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = get_object_or_404(
        Theory.objects.published()
        .select_related("author", "decided_by", "episode")
        .with_vote_of(request.user),
        pk=pk,
    )
    form = CommentForm(request.POST)
    if limits.refuse(request.user, "comment", form):
        return render_theory(request, theory, comment_form=form, status=429)
    if not form.is_valid():
        return render_theory(
            request, theory, comment_form=form, status=200 if request.htmx else 400
        )
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], theory=theory).first()
        if parent is None:
            form.add_error(None, "The comment you replied to is gone.")
            return render_theory(request, theory, comment_form=form, status=400)
    try:
        comment, created = post_comment(
            author=request.user,
            theory=theory,
            body=form.cleaned_data["body"],
            parent=parent,
            episode=form.cleaned_data["episode"],
        )
    except CommentRefused as refusal:
        form.add_error(None, str(refusal))
        return render_theory(request, theory, comment_form=form, status=400)
    if created:
        limits.count(request.user, "comment")
    if request.htmx:
        return render_theory(request, theory, comment_form=CommentForm())
    return redirect(comment.get_absolute_url())


def _own_comment(request: HtmxHttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("theory"), pk=pk, deleted_at__isnull=True
    )
    if comment.author_id != request.user.pk:
        raise PermissionDenied("Only the author can change this comment.")
    return comment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and limits.refuse(request.user, "edit", form):
        return render(
            request,
            "theories/comment_form.html",
            {"form": form, "comment": comment},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        edit_comment(comment=comment, body=form.cleaned_data["body"])
        limits.count(request.user, "edit")
        messages.success(request, "Your comment is updated.")
        return redirect(comment.get_absolute_url())
    return render(request, "theories/comment_form.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    if request.method == "POST":
        delete_comment(comment=comment)
        messages.success(request, "Your comment is deleted.")
        return redirect(comment.get_absolute_url())
    return render(request, "theories/comment_delete.html", {"comment": comment})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.select_related("theory"),
        pk=pk,
        status=ContentStatus.PUBLISHED,
        deleted_at__isnull=True,
    )
    return _report_page(request, comment, comment.get_absolute_url())


@login_required
@require_safe
def comment_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("theory", "author"), pk=pk)
    if comment.status != ContentStatus.PUBLISHED and not (
        request.user.is_staff or comment.author_id == request.user.pk
    ):
        raise Http404("No such comment.")
    page = Paginator(comment.revisions.all(), REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "theories/comment_history.html",
        {"comment": comment, "page": page, "redacted_text": REDACTED_TEXT},
    )


# --- notifications ------------------------------------------------------------


@login_required
@require_safe
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    notifications = list(Notification.objects.filter(recipient=request.user)[:100])
    unread = {n.pk for n in notifications if n.read_at is None}
    if unread:
        mark_all_read(user=request.user)
    return render(
        request, "theories/notifications.html", {"notifications": notifications, "unread": unread}
    )


# --- search -------------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    characters = list(Character.objects.only("name", "slug").order_by("name"))
    form = SearchForm(request.GET or None, characters=characters)
    results: list[search.Result] = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = search.search(
            query, kind=form.cleaned_data["kind"], character=form.cleaned_data["character"]
        )
    template = "theories/search.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, {"form": form, "results": results, "query": query})
