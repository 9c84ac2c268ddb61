"""Demo accounts. Their passwords are published in the README: development only."""

from __future__ import annotations

from typing import TextIO

from accounts.models import User

DEMO_ADMIN = {"username": "admin", "password": "zombie-school-admin", "email": "admin@example.com"}
DEMO_MODERATOR = {
    "username": "moderator",
    "password": "keep-it-clean-2022",
    "email": "moderator@example.com",
}
DEMO_FAN = {"username": "onjo_fan", "password": "hyosan-high-2022", "email": "fan@example.com"}


def _ensure(
    *, username: str, password: str, email: str, is_superuser: bool = False, is_staff: bool = False
) -> str:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": email,
            "is_staff": is_staff or is_superuser,
            "is_superuser": is_superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif not user.check_password(password):
        return (
            f"{username}: exists with a changed password "
            f"(reset it with `manage.py changepassword {username}`)"
        )
    return f"username {username!r}, password {password!r}"


def load(*, stdout: TextIO) -> list[str]:
    admin = _ensure(**DEMO_ADMIN, is_superuser=True)
    moderator = _ensure(**DEMO_MODERATOR, is_staff=True)
    fan = _ensure(**DEMO_FAN)
    return [
        f"  Demo admin (everything, incl. /admin/): {admin}",
        f"  Demo moderator (the moderation queue):  {moderator}",
        f"  Demo fan (an ordinary signed-in fan):   {fan}",
    ]
