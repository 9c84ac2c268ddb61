from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path, register_converter

from aouad_site import views
from aouad_site.converters import IdConverter
from pages import views as pages
from theories import feeds
from theories import views as theory_views
from verdicts import views as verdict_views

# Before the apps' URL modules below are included: they use <id:…>.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots, name="robots"),
    path("accounts/settings/", pages.account_settings, name="account_settings"),
    path("accounts/", include("accounts.urls")),
    path("u/<str:username>/", pages.profile, name="profile"),
    path("characters/", include("characters.urls")),
    path("theories/", include("theories.urls")),
    path("quotes/", include("theories.quote_urls")),
    path("comments/", include("theories.comment_urls")),
    path("notifications/", theory_views.notification_list, name="notifications"),
    path("modlog/", theory_views.modlog, name="modlog"),
    path("feeds/theories.atom", feeds.TheoryFeed(), name="feed_theories"),
    path("feeds/characters/<slug:slug>.atom", feeds.CharacterTheoryFeed(), name="feed_character"),
    path("feeds/quotes.atom", feeds.QuoteFeed(), name="feed_quotes"),
    path("search/", theory_views.search_page, name="search"),
    path("leaderboard/", verdict_views.leaderboard, name="leaderboard"),
    path("watched/", verdict_views.watched, name="watched"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploaded pictures from the local disk (single-machine setups); with object storage
    # (see README) the storage's own URLs are used instead and this route is off.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    )

if settings.BENCH_ENDPOINT:
    urlpatterns.append(path("bench/minimal/", views.bench_minimal, name="bench_minimal"))
