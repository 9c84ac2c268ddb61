"""Back up the database and the media folder: `python manage.py backup`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from aouad_site.backups import BackupError, take_backup


class Command(BaseCommand):
    help = (
        "Write a backup of the database (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc), the "
        "media folder and a manifest into a new folder of BACKUP_DIR, while the site runs."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--database", default="default", help="Database alias to back up.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = take_backup(using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
