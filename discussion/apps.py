from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from discussion import receivers  # noqa: F401 - the comments on a theory's page
