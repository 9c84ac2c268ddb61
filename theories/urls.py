from django.urls import path

from theories import views
from verdicts import views as verdict_views

urlpatterns = [
    path("", views.theory_list, name="theory_list"),
    path("new/", views.theory_create, name="theory_create"),
    # These come before the detail route; RESERVED_SLUGS keeps titles from shadowing them.
    path("<id:pk>/edit/", views.theory_edit, name="theory_edit"),
    path("<id:pk>/delete/", views.theory_delete, name="theory_delete"),
    path("<id:pk>/history/", views.theory_history, name="theory_history"),
    path("<id:pk>/vote/", views.theory_vote, name="theory_vote"),
    path("<id:pk>/report/", views.theory_report, name="theory_report"),
    path("<id:pk>/comments/", views.comment_create, name="comment_create"),
    path("<id:pk>/estimate/", verdict_views.theory_estimate, name="theory_estimate"),
    path("<id:pk>/", views.theory_short, name="theory_short"),
    path("<id:pk>/<slug:slug>/", views.theory_detail, name="theory_detail"),
]
