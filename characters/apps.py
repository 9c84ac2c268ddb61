from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharactersConfig(AppConfig):
    name = "characters"
    verbose_name = _("Characters")

    def ready(self) -> None:
        from aouad_site.images import track_pictures
        from characters.models import THUMBNAIL_WIDTHS, Character

        track_pictures(Character, "portrait", thumbnail_widths=THUMBNAIL_WIDTHS)
