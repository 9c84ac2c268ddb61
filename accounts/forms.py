from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from accounts.models import User


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label="E-mail address",
        help_text="Only used to reset your password. Never shown to other fans.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account already uses this e-mail address. "
                "If it is yours, sign in or reset its password."
            )
        return email


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user: User) -> None:  # type: ignore[override]
        super().confirm_login_allowed(user)
        if user.is_suspended:
            raise forms.ValidationError(user.suspension_text(), code="suspended")
