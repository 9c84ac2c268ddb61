"""Comments: posting on a theory's page, editing, deleting, reporting, and their history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import limits
from aouad_site.htmx import HtmxHttpRequest
from discussion.forms import CommentForm
from discussion.models import Comment
from discussion.services import CommentRefused, delete_comment, edit_comment, post_comment
from moderation.models import REDACTED_TEXT, ContentStatus
from moderation.views.reports import report_page
from theories.models import (
    Theory,
)
from theories.views.detail import REVISIONS_PER_PAGE, render_theory


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
        return render_theory(request, theory, part="comments", form=form, status=429)
    if not form.is_valid():
        return render_theory(
            request, theory, part="comments", form=form, status=200 if request.htmx else 400
        )
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], theory=theory).first()
        if parent is None:
            form.add_error(None, _("The comment you replied to is gone."))
            return render_theory(request, theory, part="comments", form=form, status=400)
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
        return render_theory(request, theory, part="comments", form=form, status=400)
    if created:
        limits.count(request.user, "comment")
    if request.htmx:
        return render_theory(request, theory, part="comments", form=CommentForm())
    return redirect(comment.get_absolute_url())


def _own_comment(request: HtmxHttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("theory"), pk=pk, deleted_at__isnull=True
    )
    if comment.author_id != request.user.pk:
        raise PermissionDenied(_("Only the author can change this comment."))
    return comment


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and limits.refuse(request.user, "edit", form):
        return render(
            request,
            "discussion/comment_form.html",
            {"form": form, "comment": comment},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        edit_comment(comment=comment, body=form.cleaned_data["body"])
        limits.count(request.user, "edit")
        messages.success(request, _("Your comment is updated."))
        return redirect(comment.get_absolute_url())
    return render(request, "discussion/comment_form.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = _own_comment(request, pk)
    if request.method == "POST":
        delete_comment(comment=comment)
        messages.success(request, _("Your comment is deleted."))
        return redirect(comment.get_absolute_url())
    return render(request, "discussion/comment_delete.html", {"comment": comment})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.select_related("theory"),
        pk=pk,
        status=ContentStatus.PUBLISHED,
        deleted_at__isnull=True,
    )
    return report_page(request, comment, comment.get_absolute_url())


@login_required
@require_safe
def comment_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("theory", "author"), pk=pk)
    if comment.status != ContentStatus.PUBLISHED and not (
        request.user.is_staff or comment.author_id == request.user.pk
    ):
        raise Http404(_("No such comment."))
    page = Paginator(comment.revisions.all(), REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "discussion/comment_history.html",
        {"comment": comment, "page": page, "redacted_text": _(REDACTED_TEXT)},
    )
