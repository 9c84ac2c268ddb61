from django.urls import path

from characters import views

urlpatterns = [
    path("", views.board, name="character_list"),
    path("<slug:slug>/", views.detail, name="character_detail"),
]
