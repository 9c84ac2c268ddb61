from django.urls import path

from theories import views

urlpatterns = [
    path("", views.quote_list, name="quote_list"),
    path("new/", views.quote_create, name="quote_create"),
    path("<id:pk>/", views.quote_detail, name="quote_detail"),
    path("<id:pk>/report/", views.quote_report, name="quote_report"),
]
