from django.urls import path

from verdicts import views

urlpatterns = [
    path("leaderboard/", views.leaderboard, name="leaderboard"),
]
