"""Character profiles in the admin: see ModelAdmin classes below."""
