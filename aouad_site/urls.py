from django.contrib import admin
from django.urls import include, path

from aouad_site import views

admin.site.site_header = "AOUAD Fan Community — moderation"
admin.site.site_title = "AOUAD moderation"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("u/", include("accounts.profile_urls")),
    path("characters/", views.coming_soon, {"section": "Characters"}, name="character_list"),
    # Sections whose pages arrive with their own apps keep their public URLs from day one.
    path("theories/", views.coming_soon, {"section": "Theories"}, name="theory_list"),
    path("quotes/", views.coming_soon, {"section": "Quotes"}, name="quote_list"),
    path("search/", views.coming_soon, {"section": "Search"}, name="search"),
    path("admin/", admin.site.urls),
]
