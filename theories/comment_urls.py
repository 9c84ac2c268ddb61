from django.urls import path

from theories import views

urlpatterns = [
    path("<id:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("<id:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("<id:pk>/report/", views.comment_report, name="comment_report"),
    path("<id:pk>/history/", views.comment_history, name="comment_history"),
]
