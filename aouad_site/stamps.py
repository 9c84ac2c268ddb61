"""`updated_at` on rows whose markup is cached in template fragments (keyed by it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


class Stamped(models.Model):
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        # A save of some fields only moves the stamp as well: any change may show.
        if update_fields is not None:
            update_fields = {*update_fields, "updated_at"}
        super().save(*args, update_fields=update_fields, **kwargs)
