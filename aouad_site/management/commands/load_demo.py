"""Load the demo content: `python manage.py load_demo`.

Each app that has demo content provides a `demo` module with a function
`load(*, stdout) -> list[str]`; this command calls them in INSTALLED_APPS order
inside one transaction and prints what each reports. Loading is idempotent:
running it again changes nothing and duplicates nothing.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create or update the demo content (idempotent). Refuses to run when DEBUG is off."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even though DEBUG is off (the demo accounts have published passwords).",
        )

    def handle(self, *args: Any, allow_production: bool, **options: Any) -> None:
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: the demo accounts have published passwords. "
                "Pass --allow-production if you really want them here."
            )
        notes: list[str] = []
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                notes.extend(import_module(module_name).load(stdout=self.stdout))
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        for note in notes:
            self.stdout.write(note)
