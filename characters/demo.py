"""Demo characters: every character in the project's FACTS, with only the facts it gives.

Portraits are drawn here with Pillow (a monogram in the status colour) and then go through
the same upload path as a fan's picture would.
"""

from __future__ import annotations

import io
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from aouad_site.images import clean_upload
from characters.models import Character, Relationship, RelationshipKind, Role, Status
from characters.services import set_portrait

# (fill, ink) per status; the board uses the same hues.
PORTRAIT_COLOURS = {
    Status.HUMAN: ("#1f5fa8", "#e8f1fb"),
    Status.ZOMBIE: ("#4f6b2a", "#eef5e2"),
    Status.IMMORTAL: ("#6a2c91", "#f4e9fb"),
    Status.IMMUNE: ("#0f6f6a", "#e2f6f4"),
    Status.DECEASED: ("#3d3a3a", "#eeeeee"),
    Status.UNKNOWN: ("#6b5d4f", "#f5efe8"),
}

CHARACTERS = [
    {
        "name": "Nam On-jo",
        "hangul_name": "남온조",
        "actor": "Park Ji-hu",
        "role": Role.STUDENT,
        "status": Status.HUMAN,
        "season1_fate": "Survives season 1.",
        "bio": "A student at Hyosan High School who makes it through season 1.",
    },
    {
        "name": "Lee Cheong-san",
        "hangul_name": "이청산",
        "actor": "Yoon Chan-young",
        "role": Role.STUDENT,
        "status": Status.UNKNOWN,
        "season1_fate": "Bitten by Gwi-nam; the audience never sees him turn. Fate unknown.",
        "bio": (
            "A student at Hyosan High School. Gwi-nam bites him, but the camera never shows "
            "him turn — which is why so many fans think he may be back."
        ),
    },
    {
        "name": "Choi Nam-ra",
        "hangul_name": "최남라",
        "actor": "Cho Yi-hyun",
        "role": Role.STUDENT,
        "status": Status.IMMORTAL,
        "season1_fate": (
            "Alive in the finale as a half zombie; says there are others like her, "
            "then jumps off the roof."
        ),
        "bio": (
            "The class president. She becomes a half zombie — an *immortal* — who stays "
            "conscious, with a zombie's powers and super hearing. In the finale she looks like "
            "her old self, tells the others there are more like her, and leaps from the roof."
        ),
    },
    {
        "name": "Lee Su-hyeok",
        "hangul_name": "이수혁",
        "actor": "Lomon",
        "role": Role.STUDENT,
        "status": Status.HUMAN,
        "season1_fate": "Survives season 1.",
        "bio": "A student at Hyosan High School who makes it through season 1.",
    },
    {
        "name": "Yoon Gwi-nam",
        "hangul_name": "윤귀남",
        "actor": "Yoo In-soo",
        "role": Role.STUDENT,
        "status": Status.IMMORTAL,
        "season1_fate": "",
        "bio": (
            "A student who turns yet stays aware of himself, with a zombie's powers. "
            "The director calls him an *immortal*."
        ),
    },
    {
        "name": "Lee Na-yeon",
        "hangul_name": "이나연",
        "actor": "Lee You-mi",
        "role": Role.STUDENT,
        "status": Status.UNKNOWN,
        "season1_fate": "",
        "bio": "A student at Hyosan High School.",
    },
    {
        "name": "Yang Dae-su",
        "hangul_name": "양대수",
        "actor": "Lim Jae-hyeok",
        "role": Role.STUDENT,
        "status": Status.HUMAN,
        "season1_fate": "Survives season 1.",
        "bio": "A student at Hyosan High School who makes it through season 1.",
    },
    {
        "name": "Lee Byeong-chan",
        "hangul_name": "이병찬",
        "actor": "Kim Byung-chul",
        "role": Role.TEACHER,
        "status": Status.UNKNOWN,
        "season1_fate": "",
        "bio": (
            "The science teacher whose failed experiment created the Jonas virus. "
            "In episode 4 he carries a mutated version of it."
        ),
    },
    {
        "name": "Min Eun-ji",
        "hangul_name": "민은지",
        "actor": "",
        "role": Role.UNKNOWN,
        "status": Status.IMMORTAL,
        "season1_fate": "",
        "bio": "The director names her among the *immortals*.",
    },
]

RELATIONSHIPS = [
    ("yoon-gwi-nam", RelationshipKind.BIT, "lee-cheong-san", "The bite the camera cuts away from."),
]


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _initials(name: str) -> str:
    given = name.split(" ", 1)[-1]
    return "".join(part[0] for part in given.split("-")).upper()


def draw_portrait(*, name: str, status: str, size: int = 640) -> bytes:
    """A stylised monogram: the given name's initials over a silhouette, in the status colour."""
    fill, ink = PORTRAIT_COLOURS[Status(status)]
    image = Image.new("RGB", (size, size), fill)
    draw = ImageDraw.Draw(image)
    # Soft rings behind the figure.
    for step in range(6, 0, -1):
        radius = size * step / 9
        shade = tuple(min(255, c + 10 * (6 - step)) for c in image.getpixel((0, 0)))
        draw.ellipse(
            (size / 2 - radius, size * 0.42 - radius, size / 2 + radius, size * 0.42 + radius),
            fill=shade,
        )
    # Head and shoulders.
    draw.ellipse((size * 0.34, size * 0.16, size * 0.66, size * 0.48), fill=ink)
    draw.rounded_rectangle(
        (size * 0.18, size * 0.54, size * 0.82, size * 1.1), radius=size * 0.2, fill=ink
    )
    font = ImageFont.load_default(size=size * 0.2)
    draw.text((size / 2, size * 0.76), _initials(name), fill=fill, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load(*, stdout: TextIO) -> list[str]:
    created = 0
    for data in CHARACTERS:
        character, was_created = Character.objects.get_or_create(
            slug=_slug(data["name"]), defaults=data
        )
        created += was_created
        if not character.portrait:
            upload = SimpleUploadedFile(
                f"{character.slug}.png",
                draw_portrait(name=character.name, status=character.status),
                content_type="image/png",
            )
            set_portrait(
                character=character,
                image=clean_upload(upload),
                alt=(
                    f"Drawn monogram of {character.name}: the letters {_initials(character.name)} "
                    f"under a head-and-shoulders silhouette, in the colour for "
                    f"“{character.get_status_display()}”."
                ),
            )
    by_slug = {c.slug: c for c in Character.objects.all()}
    for source, kind, target, note in RELATIONSHIPS:
        Relationship.objects.get_or_create(
            source=by_slug[source], target=by_slug[target], kind=kind, defaults={"note": note}
        )
    return [f"  Characters: {len(CHARACTERS)} ({created} new) with portraits."]
