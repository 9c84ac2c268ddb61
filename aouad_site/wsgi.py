"""WSGI entry point: `gunicorn aouad_site.wsgi` (see README, "Production")."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aouad_site.settings")

application = get_wsgi_application()
