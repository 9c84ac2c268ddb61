from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheoriesConfig(AppConfig):
    name = "theories"
    verbose_name = _("Theories")
