from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify

from aouad_site import pagecache
from aouad_site.stamps import Stamped
from characters.models import Character
from theories import ranking

# --- Moderation states, shared by everything fans write -----------------------


class ContentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    PUBLISHED = "published", "Published"
    HIDDEN = "hidden", "Hidden"
    REMOVED = "removed", "Removed"


class RemovalReason(models.TextChoices):
    SPAM = "spam", "Spam"
    SPOILER = "spoiler", "Unmarked spoiler"
    HARASSMENT = "harassment", "Harassment"
    OFF_TOPIC = "off_topic", "Off-topic"
    MISATTRIBUTED = "misattributed", "Misattributed quote"
    DUPLICATE = "duplicate", "Duplicate"
    PERSONAL_INFORMATION = "personal_info", "Personal information"
    OTHER = "other", "Other"


# Removals for these reasons keep even a title off the public log (theories/moderation.py).
TITLE_WITHHELD_REASONS = frozenset({RemovalReason.HARASSMENT, RemovalReason.PERSONAL_INFORMATION})
# What fans who are not moderators see in place of text removed for personal information.
REDACTED_TEXT = "[removed: personal information]"


class Moderated(Stamped):
    """Fields every moderated kind of content carries."""

    status = models.CharField(
        max_length=20, choices=ContentStatus, default=ContentStatus.PUBLISHED, db_index=True
    )
    removal_reason = models.CharField(max_length=20, choices=RemovalReason, blank=True)
    removal_note = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was first published (approved)."
    )
    reports = GenericRelation(
        "theories.Report", content_type_field="target_type", object_id_field="target_id"
    )

    class Meta:
        abstract = True

    @property
    def moderation_title(self) -> str:
        return str(self)

    @property
    def log_title(self) -> str:
        """What the public moderation log may name it by: nothing, unless a kind has a title."""
        return ""

    def page_items(self) -> list[str]:
        """The cached pages that show this item, besides every listing (aouad_site/pagecache)."""
        return []

    def invalidate_pages(self) -> None:
        """Everyone's next request shows this item as it is now, once the change commits."""
        pagecache.invalidate(*self.page_items(), listings=True)


# --- Sources and quotes -------------------------------------------------------


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
        ordering = ["-created"]

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker}: “{short}”"

    @property
    def log_title(self) -> str:
        # The words are the quote's body: a removed quote is named by its speaker only.
        return f"said by {self.speaker}"

    def page_items(self) -> list[str]:
        citing = Citation.objects.filter(quote=self).values_list("theory_id", flat=True)
        return [f"quote:{self.pk}", *(f"theory:{pk}" for pk in citing)]

    def get_absolute_url(self) -> str:
        return reverse("quote_detail", kwargs={"pk": self.pk})


# --- Theories -----------------------------------------------------------------


class Sort(models.TextChoices):
    HOT = "hot", "Hot"
    NEW = "new", "New"
    TOP = "top", "Top"
    BEST = "best", "Best"
    CONTROVERSIAL = "controversial", "Controversial"


class Period(models.TextChoices):
    DAY = "day", "Today"
    WEEK = "week", "This week"
    MONTH = "month", "This month"
    ALL = "all", "All time"


PERIOD_LENGTHS = {
    Period.DAY: timedelta(days=1),
    Period.WEEK: timedelta(days=7),
    Period.MONTH: timedelta(days=30),
}

# The column each sort orders by (descending, ties broken by id, newest first).
SORT_KEYS = {
    Sort.HOT: "hot",
    Sort.NEW: "created",
    Sort.TOP: "score",
    Sort.BEST: "best",
    Sort.CONTROVERSIAL: "controversy",
}


RESERVED_SLUGS = {"edit", "delete", "history", "vote", "report", "estimate"}


class Outcome(models.TextChoices):
    """What season 2 made of a theory; kept on the theory from its standing verdict."""

    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    PARTLY = "partly", "Partly confirmed"
    DEBUNKED = "debunked", "Debunked"
    UNRESOLVABLE = "unresolvable", "Unresolvable"


# Far more than season 2 will settle; keeps the id list within SQLite's parameter limit.
MAX_RESOLVED_LISTED = 20_000


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
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80)
    body = models.TextField(
        max_length=20000, help_text="Markdown: *emphasis*, **bold**, lists, links."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="theories"
    )
    characters = models.ManyToManyField(Character, blank=True, related_name="theories")
    quotes = models.ManyToManyField(Quote, through="Citation", related_name="theories")
    spoiler = models.BooleanField(
        "contains spoilers", default=False, help_text="Hide the text until a reader asks for it."
    )
    created = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the author deletes it; moderators still see it."
    )
    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    hot = models.FloatField(default=0.0)
    best = models.FloatField(default=0.0)
    controversy = models.FloatField(default=0.0)
    episode = models.ForeignKey(
        "verdicts.Episode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mentions events up to",
        help_text="The latest episode it talks about; fans who have not seen it get a warning.",
    )
    outcome = models.CharField(
        max_length=14, choices=Outcome, default=Outcome.OPEN, db_index=True, editable=False
    )
    decided_by = models.ForeignKey(
        "verdicts.Episode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decides",
        verbose_name="decided by episode",
        help_text="The episode expected to settle it: when it airs, the theory locks.",
    )
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TheoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "theories"
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

    @property
    def log_title(self) -> str:
        return self.public_title

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
        slug = slugify(title)[:80].strip("-") or "theory"
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
            return f"Spoiler for {self.episode.code} (title hidden)"
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


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"


class Citation(models.Model):
    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="citations")
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="citations")
    stance = models.CharField(max_length=12, choices=Stance)
    note = models.CharField("why", max_length=280)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["theory", "quote"], name="citation_unique_per_theory")
        ]

    def __str__(self) -> str:
        return f"{self.theory} {self.stance} {self.quote}"


class TheoryRevision(models.Model):
    """Every version of a theory's text, the first included."""

    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=160)
    body = models.TextField()
    created = models.DateTimeField(default=timezone.now)
    redacted = models.BooleanField(
        default=False, help_text="Removed for personal information: only moderators see it."
    )

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.theory_id} @ {self.created:%Y-%m-%d %H:%M}"


class Vote(models.Model):
    class Value(models.IntegerChoices):
        UP = 1, "Upvote"
        DOWN = -1, "Downvote"

    # No index of its own: the unique (user, theory) index serves every lookup by fan, and each
    # vote would otherwise write one more B-tree.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=Value)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "theory"], name="vote_one_per_user_and_theory"),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="vote_value_is_plus_or_minus_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} on {self.theory_id}"


# --- Reports and the moderation log -----------------------------------------


class ReportState(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Upheld"
    DISMISSED = "dismissed", "Dismissed"


class Report(models.Model):
    """A fan flagging a theory, quote, comment or another fan's profile; one per fan and item."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(max_length=20, choices=RemovalReason)
    note = models.CharField(max_length=300, blank=True)
    # The reporter's address group (accounts/addresses.py): one report per address counts.
    address = models.CharField(max_length=45, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=0, help_text="How much it counts toward hiding the item: 0 or 1."
    )
    state = models.CharField(
        max_length=12, choices=ReportState, default=ReportState.OPEN, db_index=True
    )
    created = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"], name="report_once_per_fan_and_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on {self.target_type.model} {self.target_id}"


class ActionKind(models.TextChoices):
    APPROVE = "approve", "Approved"
    HIDE = "hide", "Hidden"
    AUTO_HIDE = "auto_hide", "Hidden automatically after reports"
    REMOVE = "remove", "Removed"
    RESTORE = "restore", "Restored"
    DISMISS_REPORTS = "dismiss_reports", "Reports dismissed"
    VERIFY_QUOTE = "verify_quote", "Quote verified"
    SUSPEND = "suspend", "Account suspended"
    UNSUSPEND = "unsuspend", "Suspension lifted"
    EPISODE_AIRED = "episode_aired", "Episode marked aired"
    EPISODE_UNAIRED = "episode_unaired", "Episode marked not aired"
    VERDICT = "verdict", "Verdict given"
    VERDICT_REVERSED = "verdict_reversed", "Verdict reversed"
    CLEAR_DISPLAY_NAME = "clear_display_name", "Display name cleared"
    CLEAR_BIO = "clear_bio", "Bio cleared"
    REMOVE_AVATAR = "remove_avatar", "Avatar removed"


# What the public moderation log shows: the actions that take content down or put it back.
PUBLIC_ACTIONS = [
    ActionKind.HIDE,
    ActionKind.AUTO_HIDE,
    ActionKind.REMOVE,
    ActionKind.RESTORE,
    ActionKind.CLEAR_DISPLAY_NAME,
    ActionKind.CLEAR_BIO,
    ActionKind.REMOVE_AVATAR,
]  # Verdicts are logged too, but not here: the log would tell every reader the outcomes.


# How the public log names a kind of item it never titles.
PUBLIC_KIND_NAMES = {"user": "profile"}


class ModerationAction(models.Model):
    """Who did what to which item, why and when. Written by every moderation service."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions",
        help_text="Empty when the site acted by itself (e.g. hiding after reports).",
    )
    kind = models.CharField(max_length=20, choices=ActionKind)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # Only what the public may read: a theory's or quote's public title, or nothing.
    target_title = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=20, choices=RemovalReason, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_title or self.target_id}"

    @property
    def public_item(self) -> str:
        """“Theory: <title>” where it may be named, else “a theory”, “a comment”, “a profile”…"""
        kind = PUBLIC_KIND_NAMES.get(self.target_type.model, self.target_type.name)
        if self.target_title:
            return f"{kind.capitalize()}: {self.target_title}"
        return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


# --- Discussion -------------------------------------------------------------

# Replies go one level deep: a reply to a reply joins the same thread.
COMMENT_MAX_LENGTH = 5000


class CommentQuerySet(models.QuerySet["Comment"]):
    def top_level(self, theory: Theory) -> CommentQuerySet:
        """A theory's thread starters, newest first, with authors and spoiler episodes joined
        (the template decides what each reader sees of hidden, removed or deleted ones)."""
        return (
            self.filter(theory=theory, parent__isnull=True)
            .select_related("author", "episode")
            .order_by("-created", "-pk")
        )

    def before(self, created: datetime, pk: int) -> CommentQuerySet:
        """Keyset pagination: the comments after (created, pk) in newest-first order."""
        return self.filter(Q(created__lt=created) | Q(created=created, pk__lt=pk))

    def replies_to(self, parent_ids: list[int]) -> CommentQuerySet:
        return (
            self.filter(parent_id__in=parent_ids)
            .select_related("author", "episode")
            .order_by("created", "pk")
        )


class Comment(Moderated):
    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    episode = models.ForeignKey(
        "verdicts.Episode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mentions events up to",
    )
    created = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["theory", "created"])]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= 60 else text[:57] + "…"

    def save(self, *args: object, **kwargs: object) -> None:
        if (
            self._state.adding
            and self.status == ContentStatus.PUBLISHED
            and self.published_at is None
        ):
            self.published_at = self.created
        super().save(*args, **kwargs)

    def page_items(self) -> list[str]:
        return [f"theory:{self.theory_id}"]

    def get_absolute_url(self) -> str:
        """The discussion page that starts at this comment's thread (threads come in pages,
        newest first), scrolled to the comment."""
        starter = self.parent or self
        cursor = urlencode({"comments_before": f"{starter.created.isoformat()}~{starter.pk + 1}"})
        return f"{self.theory.get_absolute_url()}?{cursor}#comment-{self.pk}"

    @property
    def moderation_title(self) -> str:
        return f"Comment: {self}"


class CommentRevision(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created = models.DateTimeField(default=timezone.now)
    redacted = models.BooleanField(
        default=False, help_text="Removed for personal information: only moderators see it."
    )

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"comment {self.comment_id} @ {self.created:%Y-%m-%d %H:%M}"


# --- Notifications ------------------------------------------------------------


class NotificationKind(models.TextChoices):
    COMMENT = "comment", "Someone comments on my theory"
    REPLY = "reply", "Someone replies to my comment"
    APPROVED = "approved", "My theory is approved"
    REMOVED = "removed", "My theory or comment is removed"
    QUOTE_VERIFIED = "quote_verified", "A quote I suggested is verified"
    VERDICT = "verdict", "A theory I wrote, discussed or estimated gets a verdict"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created"])]

    def __str__(self) -> str:
        return self.text


# --- Search -------------------------------------------------------------------


class SearchKind(models.TextChoices):
    THEORY = "theory", "Theories"
    QUOTE = "quote", "Quotes"
    CHARACTER = "character", "Characters"


class SearchEntry(models.Model):
    """One public thing as search sees it. Kept in step by theories/search.py.

    The full-text index over it is database-specific and made by migration 0006: an FTS5
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
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
