from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from characters.forms import CharacterAdminForm
from characters.models import Character, Relationship
from characters.services import invalidate_pages, set_portrait


class RelationshipInline(admin.TabularInline):
    model = Relationship
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name = _("relationship (this character … the other)")
    verbose_name_plural = _("relationships (this character … the other)")


class IncomingRelationshipInline(admin.TabularInline):
    model = Relationship
    fk_name = "target"
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = _("relationship (the other … this character)")
    verbose_name_plural = _("relationships (the other … this character)")


@admin.register(Character)
class CharacterAdmin(admin.ModelAdmin):
    form = CharacterAdminForm
    list_display = ("thumbnail", "name", "hangul_name", "actor", "status", "role")
    list_display_links = ("thumbnail", "name")
    list_filter = ("status", "role")
    search_fields = ("name", "hangul_name", "actor")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("portrait_preview",)
    inlines = [RelationshipInline, IncomingRelationshipInline]
    fieldsets = [
        (None, {"fields": ["name", "hangul_name", "slug", "actor", "role"]}),
        (_("Story"), {"fields": ["status", "season1_fate", "bio"]}),
        (_("Portrait"), {"fields": ["portrait_preview", "new_portrait", "portrait_alt"]}),
    ]

    @admin.display(description=_("portrait"))
    def thumbnail(self, character: Character) -> SafeString | str:
        if not character.portrait:
            return "—"
        return format_html(
            '<img src="{}" width="48" height="48" alt="" class="admin-thumb">',
            character.thumbnail_url(160),
        )

    @admin.display(description=_("current portrait"))
    def portrait_preview(self, character: Character) -> SafeString | str:
        if not character.portrait:
            return _("No portrait yet.")
        return format_html(
            '<img src="{}" width="240" height="240" alt="{}">',
            character.thumbnail_url(480),
            character.portrait_alt,
        )

    def save_model(
        self, request: HttpRequest, obj: Character, form: CharacterAdminForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        invalidate_pages()
        picture = form.cleaned_data.get("new_portrait")
        if picture is not None:
            set_portrait(character=obj, image=picture, alt=obj.portrait_alt)


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "note")
    list_filter = ("kind",)
    search_fields = ("source__name", "target__name")
    autocomplete_fields = ["source", "target"]
    list_select_related = ("source", "target")
