"""Names the admin shows from packages that ship no Korean: listed here so that `make messages`
puts them in the site's catalogue, which Django consults first (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

MESSAGES = [
    # django-axes: the sign-in lockout records.
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    # django-tasks-db: the mail queue.
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
