from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.usernames import skeleton_key
from aouad_site.images import thumbnail_name
from aouad_site.stamps import Stamped

AVATAR_WIDTHS = (64, 128, 256)


class SpoilerPreference(models.TextChoices):
    ASK = "ask", _("Hide spoilers until I choose to reveal each one")
    SHOW = "show", _("Always show spoilers")
    HIDE = "hide", _("Always hide spoilers, titles too")


class User(Stamped, AbstractUser):
    """A fan. Usernames and e-mail addresses are unique regardless of case."""

    email = models.EmailField(_("e-mail address"), blank=True)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    bio = models.TextField(_("bio"), max_length=1000, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    spoiler_preference = models.CharField(
        _("spoiler preference"),
        max_length=8,
        choices=SpoilerPreference,
        default=SpoilerPreference.ASK,
    )
    # How far the fan has watched: season, and episode within it (empty: the whole season).
    # Plain numbers rather than a link to the episode so no page needs a query for them.
    watched_season = models.PositiveSmallIntegerField(default=1)
    watched_episode = models.PositiveSmallIntegerField(null=True, blank=True)
    # The language of the pages the fan last read (aouad_site/locale.py): their e-mails and
    # where signing in takes them.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Empty: times show in the zone of the page's language (UTC in English, KST in Korean).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    muted_notifications = models.JSONField(default=list, blank=True)
    unread_notifications = models.PositiveIntegerField(default=0)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspended_until = models.DateTimeField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("Empty with a suspension date: suspended indefinitely."),
    )
    suspension_reason = models.CharField(_("suspension reason"), max_length=300, blank=True)
    # Names that look alike share it (accounts/usernames.py), so a look-alike of a taken name
    # is one indexed lookup away, and refused by the database if two sign-ups race.
    username_skeleton = models.CharField(max_length=100, unique=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [("suspend_user", _("Can suspend and reinstate fans"))]
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_ci_unique",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        key = skeleton_key(self.username)
        # A look-alike that predates the check keeps its "#id"-suffixed key (migration 0009).
        if self.username_skeleton.partition("#")[0] != key:
            self.username_skeleton = key
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "username_skeleton"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("profile", kwargs={"username": self.username})

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    def avatar_url(self, width: int) -> str:
        return default_storage.url(thumbnail_name(self.avatar.name, width))

    @property
    def is_suspended(self) -> bool:
        if self.suspended_at is None:
            return False
        return self.suspended_until is None or self.suspended_until > timezone.now()

    def suspension_text(self) -> str:
        if self.suspended_until:
            local = timezone.localtime(self.suspended_until)
            text = gettext("Your account is suspended until %(moment)s.") % {
                "moment": f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
            }
        else:
            text = gettext("Your account is suspended until further notice.")
        if self.suspension_reason:
            text += " " + gettext("Reason: %(reason)s") % {"reason": self.suspension_reason}
        return text


class DailyCount(models.Model):
    """How often a fan did one thing (vote, comment, …) on one UTC day, for the daily limits.

    One row per fan and action, started afresh by the first use on a new day
    (accounts/limits.py). Kept in the database, not a cache, so a vote counts in its own
    transaction: a vote that fails or is refused counts nothing, and no counter can be evicted.
    """

    # No index of its own: the unique (user, action) index serves every lookup by fan.
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", db_index=False)
    action = models.CharField(max_length=20)
    day = models.DateField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "action"], name="daily_count_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.day}: {self.used}"


class RateCount(models.Model):
    """How often one client did one thing in one window (accounts/throttles.py): sign-ups per
    address, password resets per address and per e-mail address, each per clock hour.

    The key is a keyed hash of the address, so the table holds no address of anyone.
    """

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="rate_count_per_window"
            )
        ]
        # Old windows are deleted by age.
        indexes = [models.Index(fields=["window_start"], name="rate_count_window_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.window_start:%Y-%m-%d %H:%M}: {self.used}"
