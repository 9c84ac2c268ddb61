from django.urls import path

from verdicts import views

urlpatterns = [
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("theories/<id:pk>/estimate/", views.theory_estimate, name="theory_estimate"),
]
