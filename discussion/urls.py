from django.urls import path

from discussion import views

urlpatterns = [
    path("theories/<id:pk>/comments/", views.comment_create, name="comment_create"),
    path("comments/<id:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<id:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<id:pk>/report/", views.comment_report, name="comment_report"),
    path("comments/<id:pk>/history/", views.comment_history, name="comment_history"),
]
