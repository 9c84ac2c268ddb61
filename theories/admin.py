"""Theories, sources and quotes in the admin: see ModelAdmin classes below."""
