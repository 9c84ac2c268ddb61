"""The public moderation log keeps only what the public may read (theories/moderation.py
`log_action`): rows written before then named comments by their first words, quotes by theirs,
and items removed for harassment by their titles."""

from __future__ import annotations

from typing import Any

from django.db import migrations

WITHHELD_REASONS = ["harassment", "personal_info"]


def scrub_public_log(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModerationAction = apps.get_model("theories", "ModerationAction")
    Quote = apps.get_model("theories", "Quote")
    Theory = apps.get_model("theories", "Theory")
    types = dict(
        ContentType.objects.filter(
            app_label="theories", model__in=["comment", "quote", "theory"]
        ).values_list("model", "pk")
    )
    actions = ModerationAction.objects.exclude(target_title="")
    actions.filter(target_type_id=types.get("comment")).update(target_title="")
    withheld = (
        ModerationAction.objects.filter(reason__in=WITHHELD_REASONS)
        .values_list("target_type_id", "target_id")
        .distinct()
    )
    for type_id, target_id in withheld:
        actions.filter(target_type_id=type_id, target_id=target_id).update(target_title="")

    quote_rows = actions.filter(target_type_id=types.get("quote"))
    speakers = dict(
        Quote.objects.filter(pk__in=quote_rows.values("target_id")).values_list("pk", "speaker")
    )
    for quote_id in set(quote_rows.values_list("target_id", flat=True)):
        speaker = speakers.get(quote_id)
        quote_rows.filter(target_id=quote_id).update(
            target_title=f"said by {speaker}" if speaker else ""
        )

    # A theory tagged with an episode after season 1 is named without its title (public_title).
    spoilers = Theory.objects.filter(
        pk__in=actions.filter(target_type_id=types.get("theory")).values("target_id"),
        episode__season__gt=1,
    ).values_list("pk", "episode__season", "episode__number")
    for theory_id, season, number in spoilers:
        actions.filter(target_type_id=types.get("theory"), target_id=theory_id).update(
            target_title=f"Spoiler for S{season} E{number} (title hidden)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("theories", "0013_report_weights_and_redaction"),
        ("verdicts", "0001_initial"),
    ]

    operations = [migrations.RunPython(scrub_public_log, migrations.RunPython.noop)]
