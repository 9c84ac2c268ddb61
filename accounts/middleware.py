from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse


class SuspensionMiddleware:
    """A suspended fan is signed out on their next request, whatever it is.

    The request then carries on as an anonymous one, so every write that needs a signed-in
    fan refuses it the same way it refuses any visitor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_suspended:
            text = user.suspension_text()
            logout(request)
            messages.error(request, text)
        return self.get_response(request)
