from django.urls import path

from moderation.views import modlog, reports

urlpatterns = [
    path("modlog/", modlog.modlog, name="modlog"),
    path("u/<str:username>/report/", reports.profile_report, name="profile_report"),
]
