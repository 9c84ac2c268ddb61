"""The theories app's pages outside /theories/: notifications, the public log, feeds, search,
and the report form for a fan's profile."""

from django.urls import path

from theories import feeds, views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("modlog/", views.modlog, name="modlog"),
    path("u/<str:username>/report/", views.profile_report, name="profile_report"),
    path("feeds/theories.atom", feeds.TheoryFeed(), name="feed_theories"),
    path("feeds/characters/<slug:slug>.atom", feeds.CharacterTheoryFeed(), name="feed_character"),
    path("feeds/quotes.atom", feeds.QuoteFeed(), name="feed_quotes"),
    path("search/", views.search_page, name="search"),
]
