from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.models import AVATAR_WIDTHS, User
        from aouad_site.images import track_pictures

        track_pictures(User, "avatar", thumbnail_widths=AVATAR_WIDTHS)
