"""Sources and the quotes taken from them: what fans cite for or against a theory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from characters.models import Character
from moderation.models import ContentStatus, Moderated


class Source(models.Model):
    """Where something was said: an interview, an article, a broadcast."""

    outlet = models.CharField(_("outlet"), max_length=120)
    title = models.CharField(_("article title"), max_length=300)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=35,
        blank=True,
        help_text=_("The language it was published in, e.g. “ko” or “en”. Empty if unknown."),
    )
    reported_via = models.CharField(
        _("reported via"),
        max_length=300,
        blank=True,
        help_text=_("If the words reached us second-hand, where they were reported."),
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
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

    text = models.TextField(_("exact words"), max_length=2000)
    speaker = models.CharField(_("speaker"), max_length=120)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("source")
    )
    original_text = models.TextField(
        _("original-language text"),
        max_length=2000,
        blank=True,
        help_text=_("If it was said in another language."),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=35,
        default="ko",
        help_text=_("Language of the original text, e.g. “ko”."),
    )
    characters = models.ManyToManyField(
        Character, blank=True, related_name="quotes", verbose_name=_("characters")
    )
    verified = models.BooleanField(_("verified"), default=False, db_index=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_quotes",
        verbose_name=_("suggested by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        db_table = "theories_quote"  # its table from before it left the theories app
        ordering = ["-created"]

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker}: “{short}”"

    @property
    def heading(self) -> str:
        """“Lee Jae-gyu in The Korea Herald”: who said it, where (feeds and search)."""
        return gettext("%(speaker)s in %(outlet)s") % {
            "speaker": self.speaker,
            "outlet": self.source.outlet,
        }

    @property
    def log_title(self) -> str:
        # The words are the quote's body: a removed quote is named by its speaker only.
        return gettext("said by %(speaker)s") % {"speaker": self.speaker}

    @property
    def moderation_text(self) -> str:
        return self.text

    def described(self, *, quoting: bool = True) -> str:
        if quoting:
            return gettext("the quote you suggested (“%(quote)s”)") % {"quote": self}
        return gettext("the quote you suggested")

    def page_items(self) -> list[str]:
        # The theories citing it (theories.Citation, a reverse relation: theories sit above).
        citing = self.citations.values_list("theory_id", flat=True)
        return [f"quote:{self.pk}", *(f"theory:{pk}" for pk in citing)]

    def get_absolute_url(self) -> str:
        return reverse("quote_detail", kwargs={"pk": self.pk})


class Stance(models.TextChoices):
    """How a quote bears on a theory that cites it (theories.Citation)."""

    SUPPORTS = "supports", _("Supports")
    CONTRADICTS = "contradicts", _("Contradicts")
