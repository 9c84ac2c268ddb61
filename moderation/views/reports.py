"""Reporting something to the moderators: one form for every kind, and fans' profiles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import limits
from accounts.addresses import client_address
from accounts.models import User
from aouad_site.htmx import HtmxHttpRequest
from moderation import reporting
from moderation.forms import ProfileReportForm, ReportForm
from moderation.models import Moderated


def report_page(
    request: HtmxHttpRequest,
    item: Moderated | User,
    back: str,
    *,
    what: str = "",
    form_class: type[ReportForm] = ReportForm,
) -> HttpResponse:
    if reporting.contributed_by(item, request.user):
        raise PermissionDenied(_("You cannot report your own contribution."))
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
        messages.success(request, _("Thank you. The moderators will look at it."))
        return redirect(back)
    return render(
        request,
        "moderation/report.html",
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
def profile_report(request: HtmxHttpRequest, username: str) -> HttpResponse:
    """Report a fan's name, bio or avatar. Such reports only queue the profile: nothing hides
    it before a moderator looks."""
    fan = get_object_or_404(User, username=username, is_active=True)
    return report_page(
        request,
        fan,
        fan.get_absolute_url(),
        what=_("the profile of %(name)s") % {"name": fan.username},
        form_class=ProfileReportForm,
    )
