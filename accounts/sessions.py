"""Sessions in the database, each read by a statement the ORM builds once per process.

Every request from a signed-in fan reads their session. On SQLite the database is a file on
this machine: reading the row there (about 0.1 ms with the statement prepared, the signed data
checked and decoded) costs less than a round trip to Redis, which is what Django's cached
sessions make (0.26 ms of CPU, and on a busy server two context switches; bench/README.md).
With PostgreSQL, a network round trip either way, the settings keep Django's cached sessions.
Only the read differs from Django's database sessions.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from aouad_site.prepared import PreparedGet

_by_key = PreparedGet(lambda key: Session.objects.filter(pk=key))


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        session = _by_key.get(self.session_key)
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
