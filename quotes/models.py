"""Sources and the quotes taken from them: what fans cite for or against a theory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from characters.models import Character
from moderation.models import ContentStatus, Moderated


class Source(models.Model):
    """Where something was said: an interview, an article, a broadcast."""

    outlet = models.CharField(max_length=120)
    title = models.CharField("article title", max_length=300)
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = models.DateField("publication date", null=True, blank=True)
    language = models.CharField(
        max_length=35,
        blank=True,
        help_text="The language it was published in, e.g. “ko” or “en”. Empty if unknown.",
    )
    reported_via = models.CharField(
        max_length=300,
        blank=True,
        help_text="If the words reached us second-hand, where they were reported.",
    )

    class Meta:
        db_table = "theories_source"  # its table from before it left the theories app
        ordering = ["outlet", "title"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "title"], name="source_unique_outlet_title")
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"


class QuoteQuerySet(models.QuerySet["Quote"]):
    def published(self) -> QuoteQuerySet:
        return self.filter(status=ContentStatus.PUBLISHED)

    def visible_to(self, user: object) -> QuoteQuerySet:
        """Published quotes, plus the reader's own suggestions; moderators see all."""
        if getattr(user, "is_staff", False):
            return self
        if getattr(user, "is_authenticated", False):
            return self.filter(Q(status=ContentStatus.PUBLISHED) | Q(suggested_by=user))
        return self.published()

    def verified(self) -> QuoteQuerySet:
        return self.filter(verified=True, status=ContentStatus.PUBLISHED)

    def by_speaker(self, speaker: str | None) -> QuoteQuerySet:
        return self.filter(speaker=speaker) if speaker else self

    def concerning(self, character_slug: str | None) -> QuoteQuerySet:
        return self.filter(characters__slug=character_slug) if character_slug else self

    def for_list(self) -> QuoteQuerySet:
        return self.select_related("source").order_by("-verified", "-created", "-pk")


class Quote(Moderated):
    author_field = "suggested_by"

    text = models.TextField("exact words", max_length=2000)
    speaker = models.CharField(max_length=120)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    original_text = models.TextField(
        "original-language text",
        max_length=2000,
        blank=True,
        help_text="If it was said in another language.",
    )
    original_language = models.CharField(
        max_length=35, default="ko", help_text="Language of the original text, e.g. “ko”."
    )
    characters = models.ManyToManyField(Character, blank=True, related_name="quotes")
    verified = models.BooleanField(default=False, db_index=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_quotes",
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        db_table = "theories_quote"  # its table from before it left the theories app
        ordering = ["-created"]

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker}: “{short}”"

    @property
    def log_title(self) -> str:
        # The words are the quote's body: a removed quote is named by its speaker only.
        return f"said by {self.speaker}"

    @property
    def moderation_text(self) -> str:
        return self.text

    def described(self, *, quoting: bool = True) -> str:
        return f"the quote you suggested (“{self}”)" if quoting else "the quote you suggested"

    def page_items(self) -> list[str]:
        # The theories citing it (theories.Citation, a reverse relation: theories sit above).
        citing = self.citations.values_list("theory_id", flat=True)
        return [f"quote:{self.pk}", *(f"theory:{pk}" for pk in citing)]

    def get_absolute_url(self) -> str:
        return reverse("quote_detail", kwargs={"pk": self.pk})


class Stance(models.TextChoices):
    """How a quote bears on a theory that cites it (theories.Citation)."""

    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
