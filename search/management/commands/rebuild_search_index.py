from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from search import index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the theories, quotes and characters."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = index.rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} items (non-public ones are left out).")
        )
