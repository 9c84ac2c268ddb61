from django.urls import path

from quotes import feeds, views

urlpatterns = [
    path("quotes/", views.quote_list, name="quote_list"),
    path("quotes/new/", views.quote_create, name="quote_create"),
    path("quotes/<id:pk>/", views.quote_detail, name="quote_detail"),
    path("quotes/<id:pk>/report/", views.quote_report, name="quote_report"),
    path("feeds/quotes.atom", feeds.QuoteFeed(), name="feed_quotes"),
]
