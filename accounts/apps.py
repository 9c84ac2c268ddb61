from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.models import AVATAR_WIDTHS, User
        from aouad_site.images import track_pictures

        track_pictures(User, "avatar", thumbnail_widths=AVATAR_WIDTHS)
