"""What accounts tell the apps above them; they connect with `sender=User`."""

from __future__ import annotations

from django.dispatch import Signal

# After a moderator suspends a fan or lifts a suspension, inside the same transaction:
# user, moderator, suspended (True or False), note.
suspension_changed = Signal()
