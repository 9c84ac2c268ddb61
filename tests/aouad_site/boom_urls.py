from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from aouad_site import urls
from aouad_site.urls import handler500  # noqa: F401 - the site's 500 page, as in production


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the 500 page test")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("boom/", boom),
    path("forbidden/", forbidden),
    *urls.urlpatterns,  # i18n_patterns may only stand in the root URLconf
]
