from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import refuse_lookalike
from accounts.models import User
from accounts.services import lift_suspension, suspend
from aouad_site.admin import action_form_page


class SuspendForm(forms.Form):
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to suspend indefinitely."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown to the fan when they are signed out."),
    )

    def clean_until(self) -> datetime | None:
        day = self.cleaned_data["until"]
        if day is None:
            return None
        moment = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
        if moment <= timezone.now():
            raise forms.ValidationError(_("Choose a day in the future."), code="past")
        return moment


class FanCreationForm(AdminUserCreationForm):
    def clean_username(self) -> str:
        username = super().clean_username()
        if not self.has_error("username"):
            refuse_lookalike(username)
        return username


class FanChangeForm(UserChangeForm):
    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if "username" in self.changed_data:  # an older look-alike keeps its name
            refuse_lookalike(username, keep_out=self.instance)
        return username


@admin.register(User)
class FanAdmin(UserAdmin):
    add_form = FanCreationForm
    form = FanChangeForm
    list_display = (
        "username",
        "email",
        "is_staff",
        "is_active",
        "suspended_until_text",
        "date_joined",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "email", "first_name", "last_name")
    ordering = ("-date_joined",)
    actions = ["suspend_fans", "lift_suspensions"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Suspension"), {"fields": ("suspended_at", "suspended_until", "suspension_reason")}),
    )
    readonly_fields = ("suspended_at", "suspended_until", "suspension_reason")

    def has_suspend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.suspend_user")

    @admin.display(description=_("suspended"))
    def suspended_until_text(self, user: User) -> str:
        if not user.is_suspended:
            return "—"
        if user.suspended_until is None:
            return gettext("indefinitely")
        return gettext("until %(day)s") % {"day": f"{user.suspended_until:%Y-%m-%d}"}

    @admin.action(description=_("Suspend the selected fans…"), permissions=["suspend"])
    def suspend_fans(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse | None:
        form = SuspendForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                done = suspend(
                    users=list(queryset),
                    moderator=request.user,
                    until=form.cleaned_data["until"],
                    reason=form.cleaned_data["reason"],
                )
            except PermissionDenied as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return None
            self.message_user(
                request, gettext("Suspended %(count)d fan(s).") % {"count": done}, messages.SUCCESS
            )
            return None
        return action_form_page(
            self,
            request,
            "admin/suspend_fans.html",
            title=gettext("Suspend fans"),
            items=queryset,
            form=form,
        )

    @admin.action(
        description=_("Lift the suspension of the selected fans"), permissions=["suspend"]
    )
    def lift_suspensions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        done = lift_suspension(users=list(queryset), moderator=request.user)
        self.message_user(
            request, gettext("Lifted %(count)d suspension(s).") % {"count": done}, messages.SUCCESS
        )
