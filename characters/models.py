from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from aouad_site.images import thumbnail_name

# Square thumbnail widths the pages use: the board's cards (160 CSS px, 2× on dense
# screens) and the profile's infobox (240 CSS px, 2×).
THUMBNAIL_WIDTHS = (160, 240, 320, 480)


def shown_name(name: str, hangul_name: str) -> str:
    """A character's name as the page's language reads it: in Korean the Hangul first,
    "최남라 (Choi Nam-ra)"; in English the romanised name."""
    if hangul_name and translation.get_language() == "ko":
        return f"{hangul_name} ({name})"
    return name


class Status(models.TextChoices):
    HUMAN = "human", _("Human")
    ZOMBIE = "zombie", _("Zombie")
    IMMORTAL = "immortal", _("Immortal (half-zombie)")
    IMMUNE = "immune", _("Immune")
    DECEASED = "deceased", _("Deceased")
    UNKNOWN = "unknown", _("Unknown")


# One line each, in the director's terms as the seed articles report them.
STATUS_EXPLANATIONS = {
    Status.HUMAN: _("Not infected, as far as season 1 shows."),
    Status.ZOMBIE: _("Turned by the Jonas virus: no longer themselves, driven to bite."),
    Status.IMMORTAL: _(
        "Changed while alive: undead with a zombie's powers, yet still conscious — "
        "and able to infect others."
    ),
    Status.IMMUNE: _("Infected but cannot pass it on: carries the virus, cannot infect others."),
    Status.DECEASED: _("Died in season 1."),
    Status.UNKNOWN: _("Season 1 leaves it open, or nobody has filled it in yet."),
}


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    STAFF = "staff", _("School staff")
    PARENT = "parent", _("Parent")
    SOLDIER = "soldier", _("Soldier")
    POLICE = "police", _("Police")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class CharacterQuerySet(models.QuerySet["Character"]):
    def with_status(self, status: str | None) -> CharacterQuerySet:
        return self.filter(status=status) if status else self

    def for_board(self) -> CharacterQuerySet:
        return self.only(
            "name", "hangul_name", "slug", "actor", "role", "status", "portrait", "portrait_alt"
        ).order_by("name")

    def status_counts(self) -> dict[str, int]:
        counts = self.aggregate(
            **{value: Count("pk", filter=Q(status=value)) for value in Status.values}
        )
        return {value: counts[value] for value in Status.values}


class Character(models.Model):
    name = models.CharField(_("romanised name"), max_length=80, unique=True)
    hangul_name = models.CharField(_("Hangul name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    actor = models.CharField(
        _("actor"), max_length=80, blank=True, help_text=_("Leave empty if unknown.")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.UNKNOWN)
    status = models.CharField(
        _("infection status"), max_length=20, choices=Status, default=Status.UNKNOWN, db_index=True
    )
    season1_fate = models.CharField(
        _("season 1 fate"), max_length=300, blank=True, help_text=_("Leave empty if unknown.")
    )
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("Markdown. Links and emphasis; no HTML.")
    )
    portrait = models.ImageField(
        _("portrait"),
        upload_to="portraits/",
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_alt = models.CharField(
        _("portrait description"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the portrait shows, for readers who cannot see it. Required with a portrait."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = CharacterQuerySet.as_manager()

    class Meta:
        verbose_name = _("character")
        verbose_name_plural = _("characters")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(portrait="") | ~Q(portrait_alt=""),
                name="character_portrait_has_alt_text",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    def get_absolute_url(self) -> str:
        return reverse("character_detail", kwargs={"slug": self.slug})

    @property
    def shown_name(self) -> str:
        return shown_name(self.name, self.hangul_name)

    def clean(self) -> None:
        if self.portrait and not self.portrait_alt.strip():
            raise ValidationError(
                {"portrait_alt": _("Describe the portrait for readers who cannot see it.")}
            )

    @property
    def status_explanation(self) -> str:
        return STATUS_EXPLANATIONS[Status(self.status)]

    def thumbnail_url(self, width: int) -> str:
        return default_storage.url(thumbnail_name(self.portrait.name, width))

    def portrait_srcset(self) -> str:
        return ", ".join(f"{self.thumbnail_url(w)} {w}w" for w in THUMBNAIL_WIDTHS)

    @property
    def initials(self) -> str:
        given = self.name.split(" ", 1)[-1]
        return "".join(part[0] for part in given.split("-") if part).upper()


class RelationshipKind(models.TextChoices):
    # Translators: each reads "<character> friend of <character>" on a character's page.
    FRIEND = "friend", _("friend of")
    CLASSMATE = "classmate", _("classmate of")
    RIVAL = "rival", _("rival of")
    ROMANCE = "romance", _("romantic interest of")
    FAMILY = "family", _("family of")
    SIBLING = "sibling", _("sibling of")
    PARENT = "parent", _("parent of")
    TEACHER = "teacher", _("teacher of")
    # Translators: past tense of "to bite": "<character> bit <character>".
    BIT = "bit", _("bit")


# How a relationship reads on the target's profile; absent means the same words.
INVERSE_PHRASES = {
    RelationshipKind.PARENT: _("child of"),
    RelationshipKind.TEACHER: _("student of"),
    RelationshipKind.BIT: _("was bitten by"),
}


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def involving(self, character: Character) -> RelationshipQuerySet:
        return (
            self.filter(Q(source=character) | Q(target=character))
            .select_related("source", "target")
            .order_by("kind", "pk")
        )


class Relationship(models.Model):
    """Reads as "source <kind> target": Gwi-nam *bit* Cheong-san, On-jo *friend of* Su-hyeok."""

    source = models.ForeignKey(
        Character,
        on_delete=models.CASCADE,
        related_name="relationships_out",
        verbose_name=_("source"),
    )
    target = models.ForeignKey(
        Character,
        on_delete=models.CASCADE,
        related_name="relationships_in",
        verbose_name=_("target"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationshipKind)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def seen_from(self, character: Character) -> RelationshipView:
        """The relationship as it reads on `character`'s profile."""
        kind = RelationshipKind(self.kind)
        if character.pk == self.source_id:
            return RelationshipView(kind.label, self.target, self.note)
        return RelationshipView(INVERSE_PHRASES.get(kind, kind.label), self.source, self.note)


class RelationshipView(NamedTuple):
    phrase: str
    other: Character
    note: str
