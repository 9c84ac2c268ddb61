"""Restore a backup into an empty database: `python manage.py restore <backup folder>`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aouad_site.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into the configured database, which "
        "must be empty, and its media into MEDIA_ROOT; check every table against the "
        "manifest; clear the site's caches."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", type=Path, help="A folder written by `manage.py backup`.")
        parser.add_argument("--database", default="default", help="Database alias to restore.")
        parser.add_argument(
            "--replace-existing",
            action="store_true",
            help="Overwrite a database that is not empty (its tables are dropped first).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            tables = restore_backup(
                options["backup"],
                using=options["database"],
                replace=options["replace_existing"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(
            f"Restored {len(tables)} tables ({rows} rows), each matching the manifest; caches "
            f"cleared. Reload the app servers; a proxy's copies expire within "
            f"{settings.PROXY_CACHE_SECONDS + 1} s."
        )
