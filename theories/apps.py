from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TheoriesConfig(AppConfig):
    name = "theories"
    verbose_name = "Theories"

    def ready(self) -> None:
        from theories import signals  # noqa: F401 - connects the search index


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin, as the moderators' workplace (theories/admin_site.py)."""

    default = False
    default_site = "moderation.admin_site.SiteAdmin"
