from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class User(AbstractUser):
    """A fan. Usernames and e-mail addresses are unique regardless of case."""

    email = models.EmailField("e-mail address", blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(
        null=True, blank=True, help_text="Empty with a suspension date: suspended indefinitely."
    )
    suspension_reason = models.CharField(max_length=300, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [("suspend_user", "Can suspend and reinstate fans")]
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_ci_unique",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("profile", kwargs={"username": self.username})

    @property
    def is_suspended(self) -> bool:
        if self.suspended_at is None:
            return False
        return self.suspended_until is None or self.suspended_until > timezone.now()

    def suspension_text(self) -> str:
        until = (
            f"until {self.suspended_until:%d %B %Y, %H:%M} UTC"
            if self.suspended_until
            else "until further notice"
        )
        reason = f" Reason: {self.suspension_reason}" if self.suspension_reason else ""
        return f"Your account is suspended {until}.{reason}"
