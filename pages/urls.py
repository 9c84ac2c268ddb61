from django.urls import path

from pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("u/<str:username>/", views.profile, name="profile"),
]
