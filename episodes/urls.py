from django.urls import path

from episodes import views

urlpatterns = [
    path("watched/", views.watched, name="watched"),
]
