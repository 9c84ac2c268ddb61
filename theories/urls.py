from django.urls import path

from theories import feeds
from theories.views import detail, lists, votes, writing

urlpatterns = [
    path("theories/", lists.theory_list, name="theory_list"),
    path("theories/new/", writing.theory_create, name="theory_create"),
    # These come before the detail route; RESERVED_SLUGS keeps titles from shadowing them (and
    # discussion's and verdicts' routes under a theory, included before these).
    path("theories/<id:pk>/edit/", writing.theory_edit, name="theory_edit"),
    path("theories/<id:pk>/delete/", writing.theory_delete, name="theory_delete"),
    path("theories/<id:pk>/history/", detail.theory_history, name="theory_history"),
    path("theories/<id:pk>/vote/", votes.theory_vote, name="theory_vote"),
    path("theories/<id:pk>/report/", detail.theory_report, name="theory_report"),
    path("theories/<id:pk>/", detail.theory_short, name="theory_short"),
    path("theories/<id:pk>/<uslug:slug>/", detail.theory_detail, name="theory_detail"),
    path("feeds/theories.atom", feeds.TheoryFeed(), name="feed_theories"),
    path("feeds/characters/<slug:slug>.atom", feeds.CharacterTheoryFeed(), name="feed_character"),
]
