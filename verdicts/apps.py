from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts"

    def ready(self) -> None:
        from verdicts import receivers  # noqa: F401 - estimates on a theory's page and form
