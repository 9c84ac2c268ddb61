"""The search index: one row per public theory, quote and character."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    THEORY = "theory", _("Theories")
    QUOTE = "quote", _("Quotes")
    CHARACTER = "character", _("Characters")


class SearchEntry(models.Model):
    """One public thing as search sees it. Kept in step by search/index.py.

    The full-text index over it is database-specific and made by theories migration 0006: an FTS5
    table on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
    """

    kind = models.CharField(max_length=12, choices=SearchKind)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField()
    label = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=300)
    # " slug-a slug-b " so a character filter is a plain LIKE, with no join.
    character_slugs = models.CharField(max_length=2000, blank=True)

    class Meta:
        db_table = "theories_searchentry"  # its table from before it left the theories app
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
