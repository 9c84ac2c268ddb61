from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.forms import SettingsForm, SignupForm
from accounts.models import User
from accounts.services import update_settings
from aouad_site import pagecache
from aouad_site.htmx import safe_next

PROFILE_ITEMS = 20


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Two sign-ups raced for the same name or address; the constraint caught it.
            form.add_error(None, "That username or e-mail address was just taken. Try another.")
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.username}! You are signed in.")
            return redirect(safe_next(request) or "home")
    return render(request, "registration/signup.html", {"form": form, "next": safe_next(request)})


def login_throttled(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """Axes' lockout response: the sign-in page again, with the reason and HTTP 429."""
    username = (credentials or {}).get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "throttled": True,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "next": safe_next(request),
        },
        status=429,
    )


PROFILE_SORTS = {"new": ("-created", "-pk"), "top": ("-score", "-pk")}


@require_safe
@pagecache.for_readers
def profile(request: HttpRequest, username: str) -> HttpResponse:
    from theories.models import Comment, ContentStatus, Theory
    from verdicts import scoring
    from verdicts.models import Estimate

    fan = get_object_or_404(User, username=username, is_active=True)
    sort = request.GET.get("sort", "new")
    if sort not in PROFILE_SORTS:
        sort = "new"
    theories = Theory.objects.published().filter(author=fan)
    karma = theories.aggregate(karma=Sum("score"))["karma"] or 0
    comments = (
        Comment.objects.filter(
            author=fan,
            status=ContentStatus.PUBLISHED,
            deleted_at__isnull=True,
            theory__status=ContentStatus.PUBLISHED,
            theory__deleted_at__isnull=True,
        )
        .select_related("theory__episode", "parent")
        .order_by("-created", "-pk")[:PROFILE_ITEMS]
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "fan": fan,
            "karma": karma,
            "sort": sort,
            "theories": list(
                theories.select_related("episode").order_by(*PROFILE_SORTS[sort])[:PROFILE_ITEMS]
            ),
            "comments": list(comments),
            "record": scoring.track_record(fan),
            "resolved": list(
                Estimate.objects.scored()
                .filter(user=fan)
                .select_related("theory__decided_by", "theory__episode")
                .order_by("-theory__locked_at", "-pk")[:PROFILE_ITEMS]
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    from theories.models import NotificationKind
    from verdicts.spoilers import Watched

    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.bio,
        "spoiler_preference": user.spoiler_preference,
        "watched": Watched(user.watched_season, user.watched_episode).key,
        "notify": [k for k in NotificationKind.values if k not in user.muted_notifications],
    }
    form = SettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update_settings(
            user=user,
            display_name=data["display_name"],
            bio=data["bio"],
            avatar=data["avatar"],
            remove_avatar=data["remove_avatar"],
            spoiler_preference=data["spoiler_preference"],
            muted=[k for k in NotificationKind.values if k not in data["notify"]],
            watched=Watched.parse(data["watched"]),
        )
        messages.success(request, "Your settings are saved.")
        return redirect("account_settings")
    return render(request, "accounts/settings.html", {"form": form})
