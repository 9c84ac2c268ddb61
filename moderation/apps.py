from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    # Not "moderation": the moderation queue has /admin/moderation/, where Django's admin
    # would put this app's index.
    label = "safety"
    verbose_name = "Moderation"
