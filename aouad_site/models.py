from __future__ import annotations

from django.db import models


class ContentVersion(models.Model):
    """A content version kept in the database itself (aouad_site/pagecache.py): on SQLite,
    where reading a row costs less than a round trip to the shared cache and a change can move
    the version inside its own transaction."""

    key = models.CharField(primary_key=True, max_length=40)
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
