"""What a fan is told: comments and replies, approvals, removals, verdicts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    COMMENT = "comment", _("Someone comments on my theory")
    REPLY = "reply", _("Someone replies to my comment")
    APPROVED = "approved", _("My theory is approved")
    REMOVED = "removed", _("My theory or comment is removed")
    QUOTE_VERIFIED = "quote_verified", _("A quote I suggested is verified")
    VERDICT = "verdict", _("A theory I wrote, discussed or estimated gets a verdict")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "theories_notification"  # its table from before it left the theories app
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created"])]

    def __str__(self) -> str:
        return self.text
