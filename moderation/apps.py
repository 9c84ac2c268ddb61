from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    # Not "moderation": the moderation queue has /admin/moderation/, where Django's admin
    # would put this app's index.
    label = "safety"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from moderation import signals  # noqa: F401 - logs suspensions


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin, as the moderators' workplace (moderation/admin_site.py)."""

    default = False
    default_site = "moderation.admin_site.SiteAdmin"
