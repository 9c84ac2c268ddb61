"""What a theory card shows besides the theory's own row: its characters and the reader's vote.

The card's markup is cached in the template itself (theories/card.html), keyed by the stamps
of what it shows; the vote widget stays outside that block, rendered for each reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from characters.models import shown_name
from theories.models import Theory, Vote


def attach(theories: Sequence[Theory], *, user: object) -> None:
    """Set `card_characters` ((slug, name) pairs) and `card_stamp` (the characters' latest
    change) on each theory, and `my_vote` for a signed-in reader: two queries at most."""
    people: dict[int, list[tuple[str, str]]] = {theory.pk: [] for theory in theories}
    stamps: dict[int, str] = {}
    links = Theory.characters.through.objects.filter(theory_id__in=list(people))
    for theory_id, slug, name, hangul, updated in links.order_by("character__name").values_list(
        "theory_id",
        "character__slug",
        "character__name",
        "character__hangul_name",
        "character__updated",
    ):
        people[theory_id].append((slug, shown_name(name, hangul)))
        stamps[theory_id] = max(stamps.get(theory_id, ""), updated.isoformat())
    mine: dict[int, int] = {}
    if getattr(user, "is_authenticated", False) and theories:
        votes = Vote.objects.filter(user=user, theory_id__in=list(people))
        mine = dict(votes.values_list("theory_id", "value"))
    for theory in theories:
        theory.card_characters = people[theory.pk]
        theory.card_stamp = stamps.get(theory.pk, "")
        theory.my_vote = mine.get(theory.pk, 0)
