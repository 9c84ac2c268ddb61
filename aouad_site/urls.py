from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter

from aouad_site import views
from aouad_site.converters import IdConverter, UnicodeSlugConverter

# Before the apps' URL modules below are included: they use <id:…> and <uslug:…>.
register_converter(IdConverter, "id")
register_converter(UnicodeSlugConverter, "uslug")

handler500 = "aouad_site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics, name="metrics"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots, name="robots"),
]

# Every page at /… in English and at /ko/… in Korean (aouad_site/locale.py).
urlpatterns += i18n_patterns(
    # Included by name, not imported: the project package sits beneath the apps.
    path("", include("pages.urls")),
    path("accounts/", include("accounts.urls")),
    path("characters/", include("characters.urls")),
    path("", include("episodes.urls")),
    path("", include("notifications.urls")),
    path("", include("moderation.urls")),
    path("", include("quotes.urls")),
    # Before theories: they add pages under a theory's address (/theories/<id>/comments/…).
    path("", include("discussion.urls")),
    path("", include("verdicts.urls")),
    path("", include("theories.urls")),
    path("", include("search.urls")),
    re_path(
        r"^admin/(?P<model>{})/(?P<rest>.*)$".format("|".join(views.MOVED_ADMIN_MODELS)),
        views.moved_admin_model,
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded pictures from the local disk (single-machine setups); with object storage
    # (see README) the storage's own URLs are used instead and this route is off.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    )

if settings.BENCH_ENDPOINT:
    urlpatterns.append(path("bench/minimal/", views.bench_minimal, name="bench_minimal"))
