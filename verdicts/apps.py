from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = _("Verdicts")

    def ready(self) -> None:
        from verdicts import receivers  # noqa: F401 - estimates on a theory's page and form
