"""Pages made of every app's content: the home page, a fan's public profile and their
settings. They sit on top of the other apps, so those never import upward."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import User
from accounts.services import update_settings
from aouad_site import pagecache
from aouad_site.uploads import takes_pictures
from characters.models import Character
from discussion.models import Comment
from episodes.spoilers import Watched
from moderation.models import ContentStatus
from notifications.models import NotificationKind
from pages.forms import SettingsForm
from quotes.models import Quote
from theories import cards
from theories.models import Theory
from verdicts import scoring
from verdicts.models import Estimate, Verdict

PROFILE_ITEMS = 20


@require_safe
@pagecache.for_readers
def home(request: HttpRequest) -> HttpResponse:
    hot = list(Theory.objects.published().ranked("hot").for_cards()[: settings.HOME_THEORIES])
    cards.attach(hot, user=request.user)
    return render(
        request,
        "pages/home.html",
        {
            "hot_theories": hot,
            "characters": list(Character.objects.for_board()),
            "quotes": list(
                Quote.objects.verified()
                .select_related("source")
                .order_by("-verified_at", "-pk")[:3]
            ),
            "resolved": list(Verdict.objects.recent()[:5]),
        },
    )


PROFILE_SORTS = {"new": ("-created", "-pk"), "top": ("-score", "-pk")}


@require_safe
@pagecache.for_readers
def profile(request: HttpRequest, username: str) -> HttpResponse:
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
        "pages/profile.html",
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


@takes_pictures
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.bio,
        "spoiler_preference": user.spoiler_preference,
        "time_zone": user.time_zone,
        "watched": Watched(user.watched_season, user.watched_episode).key,
        "notify": [k for k in NotificationKind.values if k not in user.muted_notifications],
    }
    form = SettingsForm(request.POST or None, request.FILES or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        watched = Watched.parse(data["watched"])
        update_settings(
            user=user,
            display_name=data["display_name"],
            bio=data["bio"],
            avatar=data["avatar"],
            remove_avatar=data["remove_avatar"],
            spoiler_preference=data["spoiler_preference"],
            time_zone=data["time_zone"],
            muted=[k for k in NotificationKind.values if k not in data["notify"]],
            watched=(watched.season, watched.episode) if watched else None,
        )
        messages.success(request, _("Your settings are saved."))
        return redirect("account_settings")
    return render(request, "pages/settings.html", {"form": form})
