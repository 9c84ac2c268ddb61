from django.urls import path

from theories import views

urlpatterns = [
    path("<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("<int:pk>/report/", views.comment_report, name="comment_report"),
    path("<int:pk>/history/", views.comment_history, name="comment_history"),
]
