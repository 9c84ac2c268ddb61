from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from discussion import receivers  # noqa: F401 - the comments on a theory's page
