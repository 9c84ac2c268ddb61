"""Theories, the votes on them, the quotes they cite and every version of their text."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from characters.models import Character
from episodes.models import Episode
from moderation.models import ContentStatus, Moderated, RemovalReason, redact_notifications
from notifications.models import Notification
from quotes.models import Quote, Stance
from theories import ranking
from theories.choices import (
    MAX_RESOLVED_LISTED,
    PERIOD_LENGTHS,
    RESERVED_SLUGS,
    SORT_KEYS,
    Outcome,
    Period,
    Sort,
)


class TheoryQuerySet(models.QuerySet["Theory"]):
    def published(self) -> TheoryQuerySet:
        return self.filter(status=ContentStatus.PUBLISHED, deleted_at__isnull=True)

    def with_outcome(self, outcome: str | None) -> TheoryQuerySet:
        """`resolved` means any verdict; an Outcome value means that one; else everything.

        Written so the planner picks the right index at 100 000 theories. Open ones are nearly
        all, so “not resolved”, which leaves the list's order index to walk until a page is
        full. Resolved ones are few: their ids come first from the outcome index (otherwise
        SQLite walks the order index through every open theory looking for them).
        """
        resolved = [value for value in Outcome.values if value != Outcome.OPEN]
        if outcome == "resolved":
            ids = Theory.objects.filter(outcome__in=resolved).values_list("pk", flat=True)
            return self.filter(pk__in=list(ids[:MAX_RESOLVED_LISTED]))
        if outcome == Outcome.OPEN:
            return self.exclude(outcome__in=resolved)
        return self.filter(outcome=outcome) if outcome in Outcome.values else self

    def written_in(self, language: str | None) -> TheoryQuerySet:
        return self.filter(language=language) if language else self

    def about(self, character_slug: str | None) -> TheoryQuerySet:
        return self.filter(characters__slug=character_slug) if character_slug else self

    def within(self, period: str, now: datetime | None = None) -> TheoryQuerySet:
        length = PERIOD_LENGTHS.get(Period(period)) if period in Period.values else None
        if length is None:
            return self
        return self.filter(created__gte=(now or timezone.now()) - length)

    def ranked(self, sort: str) -> TheoryQuerySet:
        key = SORT_KEYS[Sort(sort)]
        return self.order_by(f"-{key}", "-pk")

    def after(self, sort: str, value: object, pk: int) -> TheoryQuerySet:
        """Keyset pagination: the rows after (value, pk) in `ranked(sort)` order."""
        key = SORT_KEYS[Sort(sort)]
        return self.filter(Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk}))

    def with_vote_of(self, user: object) -> TheoryQuerySet:
        """Annotate `my_vote`: the given user's vote (1, -1) or 0, in the same query."""
        if not getattr(user, "is_authenticated", False):
            return self.annotate(my_vote=Value(0, output_field=IntegerField()))
        mine = Vote.objects.filter(theory=OuterRef("pk"), user=user).values("value")[:1]
        return self.annotate(my_vote=Coalesce(Subquery(mine), 0))

    def with_source_flag(self) -> TheoryQuerySet:
        """`has_source`: whether it cites anything (the first citation's id, or None).

        A LIMIT 1 subquery rather than EXISTS: PostgreSQL turns an EXISTS in the select list
        into a hashed subplan that reads the whole citation table for every page.
        """
        first = Citation.objects.filter(theory=OuterRef("pk")).order_by().values("pk")[:1]
        return self.annotate(has_source=Subquery(first))

    def for_cards(self) -> TheoryQuerySet:
        """What a card shows, and no more (theories/cards.py adds the characters)."""
        return (
            self.select_related("author", "episode", "decided_by")
            .defer("body", "removal_note", "author__bio", "author__password")
            .with_source_flag()
        )


class Theory(Moderated):
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    body = models.TextField(
        _("body"), max_length=20000, help_text=_("Markdown: *emphasis*, **bold**, lists, links.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="theories",
        verbose_name=_("author"),
    )
    characters = models.ManyToManyField(
        Character, blank=True, related_name="theories", verbose_name=_("characters")
    )
    quotes = models.ManyToManyField(
        Quote, through="Citation", related_name="theories", verbose_name=_("quotes")
    )
    # Chosen when posting, or read from the text (aouad_site/languages.py).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    spoiler = models.BooleanField(
        _("contains spoilers"),
        default=False,
        help_text=_("Hide the text until a reader asks for it."),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(
        _("deleted at"),
        null=True,
        blank=True,
        help_text=_("Set when the author deletes it; moderators still see it."),
    )
    score = models.IntegerField(_("score"), default=0)
    upvotes = models.PositiveIntegerField(_("upvotes"), default=0)
    downvotes = models.PositiveIntegerField(_("downvotes"), default=0)
    hot = models.FloatField(pgettext_lazy("ranking", "hot"), default=0.0)
    best = models.FloatField(pgettext_lazy("ranking", "best"), default=0.0)
    controversy = models.FloatField(_("controversy"), default=0.0)
    episode = models.ForeignKey(
        Episode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentions events up to"),
        help_text=_("The latest episode it talks about; fans who have not seen it get a warning."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=14,
        choices=Outcome,
        default=Outcome.OPEN,
        db_index=True,
        editable=False,
    )
    decided_by = models.ForeignKey(
        Episode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decides",
        verbose_name=_("decided by episode"),
        help_text=_("The episode expected to settle it: when it airs, the theory locks."),
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)

    objects = TheoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("theory")
        verbose_name_plural = _("theories")
        ordering = ["-created"]
        # (status, key, id) in the list's order: the newest page is an index range scan.
        # Not partial indexes: SQLite cannot use one when the status is a bound parameter.
        indexes = [
            *(
                models.Index(fields=["status", f"-{key}", "-id"], name=f"theory_{key}_order_idx")
                for key in ("hot", "created", "score", "best", "controversy")
            ),
            # A profile reads one author's theories: newest or top twenty, the karma sum (read
            # from the index alone) and the ones they called. Without these, a prolific
            # author's profile read every theory of theirs (3 000 at 100 000 theories).
            models.Index(
                fields=["author", "status", "deleted_at", "-created", "-id"],
                name="theory_author_newest_idx",
            ),
            models.Index(
                fields=["author", "status", "deleted_at", "-score", "-id"],
                name="theory_author_top_idx",
            ),
            # "Called it" on a profile: an author's confirmed, published theories, by date.
            # With status and deleted_at, SQLite prefers it to the newest-first index even
            # without statistics (it read every theory of the author through that one).
            models.Index(
                fields=["author", "outcome", "status", "deleted_at", "created"],
                name="theory_author_called_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score=models.F("upvotes") - models.F("downvotes")),
                name="theory_score_is_up_minus_down",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    establishes_author = True
    earns_trust = True

    @property
    def log_title(self) -> str:
        return self.public_title

    def described(self, *, quoting: bool = True) -> str:
        if quoting:
            return gettext("your theory “%(title)s”") % {"title": self.title}
        return gettext("your theory")

    def notice_url(self, *, reason: str = "") -> str:
        if reason == RemovalReason.PERSONAL_INFORMATION:
            # The slug repeats the title: a neutral one (the page redirects to its own).
            return reverse("theory_detail", kwargs={"pk": self.pk, "slug": "theory"})
        return self.get_absolute_url()

    def redact(self) -> None:
        self.revisions.update(redacted=True)
        with translation.override(settings.LANGUAGE_CODE):  # the addresses notifications keep
            redact_notifications(
                Notification.objects.filter(url__startswith=f"{reverse('theory_list')}{self.pk}/"),
                url=self.notice_url(reason=RemovalReason.PERSONAL_INFORMATION),
            )

    def save(self, *args: object, **kwargs: object) -> None:
        self.slug = self.slug_for(self.title)
        if self._state.adding:
            self.hot = ranking.hot(self.score, self.created)
            if self.status == ContentStatus.PUBLISHED and self.published_at is None:
                self.published_at = self.created
        super().save(*args, **kwargs)

    def page_items(self) -> list[str]:
        return [f"theory:{self.pk}"]

    def get_absolute_url(self) -> str:
        return reverse("theory_detail", kwargs={"pk": self.pk, "slug": self.slug})

    @staticmethod
    def slug_for(title: str) -> str:
        slug = slugify(title, allow_unicode=True)[:80].strip("-") or "theory"
        # A title like "Edit" would otherwise shadow /theories/<id>/edit/ and friends.
        return f"{slug}-theory" if slug in RESERVED_SLUGS else slug

    @property
    def is_live(self) -> bool:
        return self.status == ContentStatus.PUBLISHED and self.deleted_at is None

    @property
    def public_title(self) -> str:
        """The title where the reader is unknown (feeds, search, notifications, logs): hidden
        when it is tagged with an episode after season 1, which everyone is assumed to know."""
        if self.episode_id is not None and self.episode.season > 1:
            return gettext("Spoiler for %(episode)s (title hidden)") % {
                "episode": self.episode.code
            }
        return self.title

    @property
    def is_locked(self) -> bool:
        """The deciding episode has aired: text and estimates are frozen."""
        return self.locked_at is not None and self.locked_at <= timezone.now()

    @property
    def is_resolved(self) -> bool:
        return self.outcome != Outcome.OPEN

    def rerank(self) -> None:
        self.hot = ranking.hot(self.score, self.created)
        self.best = ranking.best(self.upvotes, self.downvotes)
        self.controversy = ranking.controversy(self.upvotes, self.downvotes)


class Citation(models.Model):
    theory = models.ForeignKey(
        Theory, on_delete=models.CASCADE, related_name="citations", verbose_name=_("theory")
    )
    quote = models.ForeignKey(
        Quote, on_delete=models.PROTECT, related_name="citations", verbose_name=_("quote")
    )
    stance = models.CharField(_("stance"), max_length=12, choices=Stance)
    note = models.CharField(_("why"), max_length=280)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["theory", "quote"], name="citation_unique_per_theory")
        ]

    def __str__(self) -> str:
        return f"{self.theory} {self.stance} {self.quote}"


class TheoryRevision(models.Model):
    """Every version of a theory's text, the first included."""

    theory = models.ForeignKey(
        Theory, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("theory")
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("body"))
    created = models.DateTimeField(_("created"), default=timezone.now)
    redacted = models.BooleanField(
        _("redacted"),
        default=False,
        help_text=_("Removed for personal information: only moderators see it."),
    )

    class Meta:
        verbose_name = _("theory revision")
        verbose_name_plural = _("theory revisions")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.theory_id} @ {self.created:%Y-%m-%d %H:%M}"


class Vote(models.Model):
    class Value(models.IntegerChoices):
        UP = 1, _("Upvote")
        DOWN = -1, _("Downvote")

    # No index of its own: the unique (user, theory) index serves every lookup by fan, and each
    # vote would otherwise write one more B-tree.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="votes",
        db_index=False,
        verbose_name=_("user"),
    )
    theory = models.ForeignKey(
        Theory, on_delete=models.CASCADE, related_name="votes", verbose_name=_("theory")
    )
    value = models.SmallIntegerField(_("value"), choices=Value)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "theory"], name="vote_one_per_user_and_theory"),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="vote_value_is_plus_or_minus_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} on {self.theory_id}"
