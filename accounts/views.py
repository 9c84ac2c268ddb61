from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.addresses import client_address
from accounts.forms import QueuedPasswordResetForm, SignupForm
from accounts.services import sign_up
from accounts.throttles import Throttled, take_or_refuse
from aouad_site.htmx import safe_next

PROFILE_ITEMS = 20


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = sign_up(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                address=client_address(request),
                language=translation.get_language(),
            )
        except Throttled as refusal:
            form.add_error(None, str(refusal))
            status = 429
        except IntegrityError:
            # Two sign-ups raced for the same name or address; the constraint caught it.
            form.add_error(
                None,
                _(
                    "That username (or one that looks just like it) or e-mail address was just "
                    "taken. Try another."
                ),
            )
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome, %(name)s! You are signed in.") % {"name": user.username}
            )
            return redirect(safe_next(request) or "home")
    context = {"form": form, "next": safe_next(request)}
    return render(request, "registration/signup.html", context, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with hourly limits per client address and per e-mail address asked for.

    Both count whether or not an account uses the address, and a refusal reads the same
    either way, so neither answer tells whether the address has an account. The mail itself
    is a task (aouad_site/mail.py), so a slow mail server delays the mail, not this page."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        try:
            take_or_refuse(("reset-address", client_address(self.request)), ("reset-email", email))
        except Throttled as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def login_throttled(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """Axes' lockout response: the sign-in page again, with the reason and HTTP 429."""
    username = (credentials or {}).get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "throttled": True,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "next": safe_next(request),
        },
        status=429,
    )
