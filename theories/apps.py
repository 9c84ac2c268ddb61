from django.apps import AppConfig


class TheoriesConfig(AppConfig):
    name = "theories"
    verbose_name = "Theories and quotes"

    def ready(self) -> None:
        from theories import signals  # noqa: F401 - connects the search index
