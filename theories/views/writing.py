"""Posting, editing and deleting a theory."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import limits
from aouad_site.htmx import HtmxHttpRequest
from moderation.models import ContentStatus
from theories.forms import (
    CitationFormSet,
    TheoryForm,
    citation_initial,
)
from theories.models import (
    Theory,
)
from theories.services import (
    TheoryLocked,
    create_theory,
    delete_theory,
    edit_theory,
)


def _own_theory(request: HtmxHttpRequest, pk: int) -> Theory:
    theory = get_object_or_404(Theory, pk=pk, deleted_at__isnull=True)
    if theory.author_id != request.user.pk:
        raise PermissionDenied(_("Only the author can change this theory."))
    return theory


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
                "language": form.cleaned_data["language"],
            }
            if theory is None:
                saved, created = create_theory(author=request.user, **fields)
                if created:
                    limits.count(request.user, "theory")
                if saved.status == ContentStatus.PENDING:
                    messages.info(
                        request,
                        _(
                            "Your theory is saved and waits for a moderator: a new member's "
                            "first theories are checked before they go public. "
                            "Only you can see it meanwhile."
                        ),
                    )
                else:
                    messages.success(request, _("Your theory is posted."))
            else:
                try:
                    saved = edit_theory(theory=theory, **fields)
                except TheoryLocked as refusal:
                    messages.error(request, str(refusal))
                    return redirect(theory)
                limits.count(request.user, "edit")
                messages.success(request, _("Your changes are saved."))
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
                "language": theory.language,
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
            _(
                "This theory is locked: the episode that decides it has aired, so the "
                "text that is judged stays as it was."
            ),
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
        messages.error(request, _("This theory is locked: a judged theory stays on the record."))
        return redirect(theory)
    if request.method == "POST":
        delete_theory(theory=theory)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": theory.title})
        return redirect("theory_list")
    return render(request, "theories/confirm_delete.html", {"theory": theory})
