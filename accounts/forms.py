from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.usernames import is_reserved, skeleton_key
from aouad_site.mail import send_email


def refuse_lookalike(name: str, *, keep_out: User | None = None) -> None:
    """ValidationError if `name` looks like the username of an account other than `keep_out`
    (the same letters from another script, 0 for O, rn for m, …): one indexed lookup."""
    taken = User.objects.filter(username_skeleton=skeleton_key(name))
    if keep_out is not None and keep_out.pk is not None:
        taken = taken.exclude(pk=keep_out.pk)
    existing = taken.values_list("username", flat=True).first()
    if existing is not None:
        raise forms.ValidationError(
            _(
                "“%(name)s” looks too much like “%(existing)s”, which is taken. "
                "Choose a name that reads differently."
            ),
            code="lookalike",
            params={"name": name, "existing": existing},
        )


def refuse_reserved(name: str) -> None:
    if is_reserved(name):
        raise forms.ValidationError(
            _("This name is kept for the site's team. Choose another."), code="reserved"
        )


# What a refused sign-up is told when it looks automated: nothing a script could learn from.
SIGNUP_REFUSED = _("We could not create the account. Please check the form and try again.")


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Only used to reset your password. Never shown to other fans."),
    )
    # A honeypot: kept from people (registration/signup.html hides it from sight, screen
    # readers and the tab order), while scripts that fill in every field fill it too.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(SIGNUP_REFUSED, code="refused")
        return cleaned

    def clean_username(self) -> str:
        username = super().clean_username()
        if not self.has_error("username"):  # a name taken outright is explained already
            refuse_lookalike(username)
            refuse_reserved(username)
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account already uses this e-mail address. "
                    "If it is yours, sign in or reset its password."
                ),
                code="email_taken",
            )
        return email


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user: User) -> None:  # type: ignore[override]
        super().confirm_login_allowed(user)
        if user.is_suspended:
            raise forms.ValidationError(user.suspension_text(), code="suspended")


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's, with the mail handed to the task worker: the page never waits on SMTP."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        html = (
            render_to_string(html_email_template_name, context)
            if html_email_template_name is not None
            else None
        )
        send_email.enqueue(
            subject=subject,
            body=render_to_string(email_template_name, context),
            to=[to_email],
            from_email=from_email,
            html=html,
        )
